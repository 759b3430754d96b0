import type { PdfDocument } from './document';
import { isName, PdfDict, PdfRef, unreadable, type PdfValue } from './objects';
import { present } from './xref';

/** Page attributes a page inherits from its ancestors in the page tree (7.7.3.4). */
export const INHERITED = ['Resources', 'MediaBox', 'CropBox', 'Rotate'] as const;

export interface PageEntry {
	/** The page object. */
	ref: PdfRef;
	/** Its dictionary, as the page tree read it (the writer and the size reader use this one). */
	dict: PdfDict;
	/** Inherited attributes the page does not set itself (or sets to null), as the nearest ancestor has them. */
	inherited: Map<string, PdfValue>;
}

export interface PageTree {
	catalog: PdfRef | undefined;
	pages: PageEntry[];
	/** Every page object and every intermediate node: references to them are not followed. */
	treeNodes: Set<number>;
}

/** Deepest page tree accepted (real files have a handful of levels). */
const MAX_TREE_DEPTH = 64;

/** The pages in document order, walking the page tree from the catalog depth first. */
export function readPageTree(doc: PdfDocument): PageTree {
	const rootRef = doc.trailer.get('Root');
	const catalog = doc.dict(rootRef);
	if (!catalog) unreadable('no document catalog');
	const top = catalog.get('Pages');
	if (!(top instanceof PdfRef)) unreadable('no page tree');
	const pages: PageEntry[] = [];
	const treeNodes = new Set<number>();
	const visit = (ref: PdfRef, inherited: Map<string, PdfValue>, depth: number): void => {
		if (depth > MAX_TREE_DEPTH) unreadable('page tree too deep');
		if (treeNodes.has(ref.num)) unreadable('page tree has a loop or a page twice');
		treeNodes.add(ref.num);
		const node = doc.resolve(ref);
		if (!(node instanceof PdfDict)) unreadable(`page tree node ${ref.num} is not a dictionary`);
		// What the ancestors set and this node does not (a null is no value, ISO 32000-1 7.3.7).
		const own = new Map<string, PdfValue>();
		for (const [key, value] of inherited) if (!present(node.get(key))) own.set(key, value);
		const kids = doc.resolve(node.get('Kids'));
		if (
			isName(node.get('Type'), 'Pages') ||
			(Array.isArray(kids) && !isName(node.get('Type'), 'Page'))
		) {
			if (!Array.isArray(kids)) unreadable(`page tree node ${ref.num} has no /Kids`);
			for (const key of INHERITED) {
				const value = node.get(key);
				if (present(value)) own.set(key, value);
			}
			for (const kid of kids) {
				if (!(kid instanceof PdfRef)) unreadable('a page tree kid is not a reference');
				visit(kid, own, depth + 1);
			}
			return;
		}
		pages.push({ ref, dict: node, inherited: own });
	};
	visit(top, new Map(), 0);
	return { catalog: rootRef instanceof PdfRef ? rootRef : undefined, pages, treeNodes };
}
