/** Baidu's answer → n8n output entries. The router gives each entry pairedItem and an output. */
export { splitReceipts, toRecognisedDocument } from './documents';
export { toOutputEntries } from './entries';
export { NO_FIELDS_WARNING, UNSTRUCTURED_WARNING } from './view';
export { toCombinedEntry } from './combine';
export { documentPicture, type PictureFormat } from './reviewPicture';
export { numberDocumentEntry, numberFieldEntries } from './pictureNumbers';
