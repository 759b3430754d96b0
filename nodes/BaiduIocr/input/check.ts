import type { CheckedFile, DocumentSource, FileKind, InputProblem } from '../model';
import { countPdfPages, readImageSize, sniffFileType, type RefusedType } from './fileType';
import { formValueLength } from '../formValue';
import { BAIDU_LIMITS, base64Length } from './limits';

/**
 * Baidu's limits as checks, run before anything is sent: a file that fails costs no quota.
 *
 * Messages say what is wrong in whole sentences that read well after the router's prefix
 * ("Item 2, file 'scan.gif' (attachment_1): "), so they repeat neither the item nor the file
 * name; descriptions say what to do. Neither ever contains the file's bytes.
 */

const ACCEPTED = 'Baidu iOCR accepts only JPEG, PNG, BMP and PDF files.';
const MB = 1024 * 1024;

/** 4194304 → "4,194,304". */
export function formatBytes(n: number): string {
	return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Megabytes with two decimals, rounded up so that anything over a limit never prints as the limit. */
function formatMbUp(n: number): string {
	return (Math.ceil((n / MB) * 100) / 100).toFixed(2);
}

function formatMbDown(n: number): string {
	return (Math.floor((n / MB) * 10) / 10).toFixed(1);
}

export function isInputProblem(value: unknown): value is InputProblem {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as InputProblem).message === 'string' &&
		typeof (value as InputProblem).description === 'string' &&
		!('bytes' in value) &&
		!('url' in value)
	);
}

/** How each refused document type is named in a message. */
const DOCUMENT_NAMES: Partial<Record<RefusedType, string>> = {
	'Word document (DOCX)': 'a Word document (DOCX)',
	'Excel workbook (XLSX)': 'an Excel workbook (XLSX)',
	'PowerPoint presentation (PPTX)': 'a PowerPoint presentation (PPTX)',
	OpenDocument: 'an OpenDocument file',
	'Office 97-2003 document': 'an Office 97-2003 document',
	RTF: 'an RTF document',
	PostScript: 'a PostScript document',
};

const EDIT_IMAGE_CONVERT =
	"Convert it to JPEG or PNG before this node, for example with n8n's Edit Image node (Options > Format: JPEG or PNG).";

/** The file name's extension when it claims a type Baidu accepts, e.g. ".jpg". */
function claimedExtension(source: DocumentSource): string | undefined {
	const m = /\.(jpe?g|png|bmp|pdf)$/i.exec(source.fileName ?? '');
	return m ? `.${m[1].toLowerCase()}` : undefined;
}

function refusedProblem(type: RefusedType, source: DocumentSource): InputProblem {
	const ext = claimedExtension(source);
	const despite = ext ? ` (although its name ends in ${ext})` : '';
	const is = (what: string) => `The file is ${what}${despite}, which Baidu iOCR does not accept.`;
	const isNot = (what: string) => `The file is ${what}${despite}, not an image or PDF.`;
	switch (type) {
		case 'GIF':
		case 'WebP':
		case 'TIFF':
		case 'JPEG 2000':
		case 'JPEG XL':
		case 'Photoshop (PSD)':
		case 'ICO':
			return { message: is(`a ${type} image`), description: `${ACCEPTED} ${EDIT_IMAGE_CONVERT}` };
		case 'SVG':
			return {
				message: is('an SVG drawing (vector graphics)'),
				description: `${ACCEPTED} Render it to PNG first, for example with n8n's Edit Image node (Options > Format: PNG).`,
			};
		case 'HEIC':
		case 'HEIF':
			return {
				message: `${is(`a ${type} photo`)} iPhones and many Android phones save photos as ${type}.`,
				description:
					`${ACCEPTED} Send the photo as JPEG instead. On an iPhone, Settings > Camera > Formats > Most Compatible saves new ` +
					'photos as JPEG, and Settings > Photos > Transfer to Mac or PC > Automatic converts photos when they are shared. ' +
					"On Android, turn off 'High efficiency pictures' (HEIF) in the camera settings. Otherwise convert the file to JPEG " +
					"before this node (n8n's Edit Image node can do it only if its GraphicsMagick reads HEIC).",
			};
		case 'AVIF':
			return { message: is('an AVIF image'), description: `${ACCEPTED} ${EDIT_IMAGE_CONVERT}` };
		case 'HTML':
			return {
				message: isNot('an HTML web page'),
				description:
					'A web page usually means the download returned a login page, an error page or a preview page instead of the file. ' +
					"Use the file's direct download link in the HTTP Request node (Response Format: File) and check that it needs no login.",
			};
		case 'Word document (DOCX)':
		case 'Excel workbook (XLSX)':
		case 'PowerPoint presentation (PPTX)':
		case 'OpenDocument':
		case 'Office 97-2003 document':
		case 'RTF':
		case 'PostScript':
			return {
				message: is(DOCUMENT_NAMES[type] ?? `a ${type}`),
				description: `${ACCEPTED} Export the document as PDF (or the page as a PNG image) and send that file.`,
			};
		case 'ZIP archive':
		case 'gzip archive':
			return {
				message: is(type === 'ZIP archive' ? 'a ZIP archive' : 'a gzip archive'),
				description: `${ACCEPTED} Unpack it first with n8n's Compression node (Decompress); each file inside becomes its own binary property, which this node can read with All Binary Properties.`,
			};
		case 'RAR archive':
		case '7-Zip archive':
			return {
				message: is(type === 'RAR archive' ? 'a RAR archive' : 'a 7-Zip archive'),
				description: `${ACCEPTED} Unpack it before it reaches n8n (n8n's Compression node reads only ZIP and gzip) and send the files inside.`,
			};
		case 'MP4/QuickTime video':
			return {
				message: is('a video or other media file (MP4/QuickTime family)'),
				description: `${ACCEPTED} Check that the right binary property is selected.`,
			};
		case 'data URL text':
			return {
				message:
					"The file holds a data: URL as text ('data:...;base64,...') rather than the file itself.",
				description:
					"Remove the 'data:...;base64,' prefix and turn the rest into a file with n8n's Convert to File node " +
					'(Operation: Move Base64 String to File), then pass that file to this node.',
			};
		case 'base64 text':
			return {
				message: 'The file holds base64 text rather than the file itself.',
				description:
					"Turn the base64 text into a file with n8n's Convert to File node (Operation: Move Base64 String to File) " +
					'and pass that file to this node. Do not base64-encode it yourself: this node does that.',
			};
		case 'JSON text':
			return {
				message: isNot('JSON text'),
				description: `${ACCEPTED} Check that the right binary property is selected. If the JSON carries the file as base64, turn that field into a file with n8n's Convert to File node (Operation: Move Base64 String to File).`,
			};
		case 'XML':
		case 'plain text':
			return {
				message: isNot(type === 'XML' ? 'XML text' : 'plain text'),
				description: `${ACCEPTED} Check that the right binary property is selected and that the previous node downloaded the file itself rather than an error message.`,
			};
		case 'unknown':
			return {
				message: `The file is not a JPEG, PNG, BMP or PDF file${despite}: its content matches none of them.`,
				description: `${ACCEPTED} Check that the right binary property is selected and that the file opens in an image viewer; a file that is damaged or encrypted cannot be read either.`,
			};
	}
}

function emptyProblem(): InputProblem {
	return {
		message: 'The file is empty (0 bytes).',
		description:
			'The previous node produced an empty file. Check its output: a download that failed or an attachment that was not fetched ' +
			"(for example an email trigger without 'Download Attachments') can leave an empty file.",
	};
}

function tooLargeProblem(kind: FileKind, rawBytes: number, encoded: number): InputProblem {
	const limit = BAIDU_LIMITS.maxEncodedBytes;
	// The raw size this particular file would have to shrink to, at its own expansion ratio.
	const target = Math.floor(rawBytes * (limit / encoded));
	const measured =
		`Baidu measures the file after base64 and URL encoding, which makes it about 1.4 times larger: this file is ` +
		`${formatBytes(rawBytes)} bytes as a file and would have to shrink below about ${formatMbDown(target)} MB. `;
	const fix =
		kind === 'pdf'
			? 'Split the PDF so that only the page to read is sent (Baidu iOCR reads only page 1), or compress it, for example by lowering the resolution of its images.'
			: "Make the image smaller before this node with n8n's Edit Image node: Resize it (about 2000 px on the longer side is plenty for a document), " +
				'or save it as JPEG with a lower quality (Options > Format: JPEG, Quality: 80 or less).';
	return {
		message:
			`The file is too large: ${formatBytes(encoded)} bytes (${formatMbUp(encoded)} MB) after base64 and URL encoding; ` +
			`Baidu iOCR accepts at most ${formatBytes(limit)} bytes (${limit / MB} MB).`,
		description: measured + fix,
	};
}

function sizeProblem(width: number, height: number): InputProblem | undefined {
	const { minSide, maxSide } = BAIDU_LIMITS;
	if (Math.min(width, height) < minSide) {
		return {
			message: `The image is ${width} × ${height} px; Baidu iOCR needs at least ${minSide} px on its shortest side.`,
			description:
				'Check that this is the document and not an icon, a logo or a tracking pixel (email attachments often include them). ' +
				`If it is the document, enlarge it with n8n's Edit Image node (Operation: Resize) so that both sides are at least ${minSide} px.`,
		};
	}
	if (Math.max(width, height) > maxSide) {
		return {
			message: `The image is ${width} × ${height} px; Baidu iOCR accepts at most ${maxSide} px on its longest side.`,
			description:
				`Shrink it before this node with n8n's Edit Image node: Operation Resize, Width and Height ${maxSide}, ` +
				"Resize Option 'Only if Larger' (keeps the aspect ratio).",
		};
	}
	return undefined;
}

/**
 * Checks a file's bytes against everything Baidu iOCR demands: not empty, JPEG/PNG/BMP/PDF by
 * content, a readable image header, 15..4096 px sides, at most 4 MB after base64 and URL
 * encoding. Returns the file ready to send or the first problem.
 * A PDF of several pages passes with a warning: Baidu reads only page 1.
 */
export function checkFile(bytes: Uint8Array, source: DocumentSource): CheckedFile | InputProblem {
	if (bytes.length === 0) return emptyProblem();

	const sniffed = sniffFileType(bytes);
	if ('unsupported' in sniffed) return refusedProblem(sniffed.unsupported, source);
	const { kind } = sniffed;

	let width: number | undefined;
	let height: number | undefined;
	if (kind !== 'pdf') {
		const size = readImageSize(bytes, kind);
		if ('problem' in size) return size.problem;
		({ width, height } = size);
		const problem = sizeProblem(width, height);
		if (problem) return problem;
	}

	// Urlencoding turns at most every base64 character into three. Between the smallest and the
	// largest possible size the exact one is measured (in slices, without keeping it); a file
	// that passes even at its largest is measured only when it is sent.
	const limit = BAIDU_LIMITS.maxEncodedBytes;
	let encodedLength: number | undefined;
	if (3 * base64Length(bytes.length) > limit) {
		encodedLength = formValueLength(bytes);
		if (encodedLength > limit) return tooLargeProblem(kind, bytes.length, encodedLength);
	}

	const checked: CheckedFile = { kind, bytes, encodedLength, warnings: [] };
	if (kind === 'pdf') {
		const pageCount = countPdfPages(bytes);
		if (pageCount !== undefined) {
			checked.pageCount = pageCount;
			if (pageCount > 1)
				checked.warnings.push(`PDF has ${pageCount} pages; Baidu iOCR reads only page 1`);
		}
	} else {
		checked.width = width;
		checked.height = height;
	}
	return checked;
}

/** The URL for a message: no query string (it may carry a signature), at most 80 characters. */
function displayUrl(url: string): string {
	const bare = url.split(/[?#]/)[0];
	return bare.length > 80 ? `${bare.slice(0, 77)}...` : bare;
}

const URL_FIX_BINARY =
	'or download the file with an HTTP Request node (Response Format: File) and recognise it as binary data instead.';

/**
 * Checks an image URL for Baidu's `url` parameter: trimmed; an absolute http or https URL with
 * a host; no white space inside; at most 1024 bytes as UTF-8, measured on the trimmed string
 * that is sent. Returns the trimmed URL or the problem.
 */
export function checkUrl(url: string): { url: string } | InputProblem {
	const trimmed = (url ?? '').trim();
	if (trimmed === '') {
		return {
			message: 'No image URL was given.',
			description:
				"Enter the image's address, starting with http:// or https://, or map it from a field of the input item.",
		};
	}
	if (/^data:/i.test(trimmed)) {
		return {
			message: 'The URL is a data: URL, which holds the file itself rather than its address.',
			description:
				"Baidu iOCR needs an http:// or https:// address. Remove the 'data:...;base64,' prefix, turn the rest into a file with n8n's " +
				'Convert to File node (Operation: Move Base64 String to File) and recognise it as binary data instead.',
		};
	}
	if (/\s/.test(trimmed)) {
		return {
			message: `The URL '${displayUrl(trimmed)}' contains white space (a space, tab or line break).`,
			description:
				'Remove line breaks and write spaces as %20. A URL must be a single unbroken string.',
		};
	}
	if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
		return {
			message: `The URL '${displayUrl(trimmed)}' does not start with http:// or https://.`,
			description: 'Write the full address, including https:// (or http://) in front.',
		};
	}
	// The host, read before parsing: WHATWG parsing turns 'http:///x' into host 'x'.
	const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(trimmed)?.[1] ?? '';
	const host = authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d*$/, '');
	if (host === '' && /^https?:/i.test(trimmed)) {
		return {
			message: `The URL '${displayUrl(trimmed)}' has no host name.`,
			description:
				'Write the full address, including the server name, e.g. https://example.com/scan.jpg.',
		};
	}
	let parsed: URL;
	try {
		parsed = new URL(trimmed);
	} catch {
		return {
			message: `The URL '${displayUrl(trimmed)}' is not a valid URL.`,
			description: 'Check the address: it should look like https://example.com/scan.jpg.',
		};
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		return {
			message: `The URL uses ${parsed.protocol}, but Baidu iOCR can only download http:// and https:// URLs.`,
			description: `Serve the image over http or https, ${URL_FIX_BINARY}`,
		};
	}
	// Past this point the host is not empty: WHATWG parsing fails for an http(s) URL without one.
	const bytes = Buffer.byteLength(trimmed, 'utf8');
	if (bytes > BAIDU_LIMITS.maxUrlBytes) {
		return {
			message: `The URL is ${formatBytes(bytes)} bytes long; Baidu iOCR accepts at most ${formatBytes(BAIDU_LIMITS.maxUrlBytes)} bytes.`,
			description: `Use a shorter address (without tracking parameters, or through a link shortener), ${URL_FIX_BINARY}`,
		};
	}
	return { url: trimmed };
}

/**
 * Baidu's classifier IDs are numbers (its own API samples type them as integers, and Baidu
 * answers 282004 "modelId is not number" to any other): anything else is refused before it is
 * sent, so it costs no quota. Expects the trimmed ID.
 */
export function checkClassifierId(classifierId: string): InputProblem | undefined {
	if (/^\d+$/.test(classifierId)) return undefined;
	const shown = classifierId.length > 40 ? `${classifierId.slice(0, 37)}...` : classifierId;
	const looksLikeTemplate = /^[0-9a-f]{32}$/i.test(classifierId);
	return {
		message: `The classifier ID '${shown}' is not a number; Baidu's classifier IDs are numbers, such as 1001.`,
		description:
			(looksLikeTemplate
				? 'This looks like a template ID: use it with Recognize with Template (or the finance Template mode) instead. '
				: '') +
			"Copy the classifier's number from the iOCR console (Classifiers). If it comes from an expression, check what the expression gives for this item.",
	};
}
