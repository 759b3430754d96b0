import { PdfSplitError } from '../../nodes/BaiduIocr/input/pdf/index';

/** `reason: message` of the PdfSplitError `run` throws (anything else reads differently). */
export function refusal(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		return error instanceof PdfSplitError
			? `${error.reason}: ${error.message}`
			: `not a PdfSplitError: ${String(error)}`;
	}
	return 'nothing was refused';
}
