import type { INodeProperties } from 'n8n-workflow';

export const inputProperties: INodeProperties[] = [
	{
		displayName: 'Input',
		name: 'inputType',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Binary File',
				value: 'binary',
				description: 'Files carried by the input items (email attachments, downloads, read files)',
			},
			{
				name: 'URL',
				value: 'url',
				description: 'An image URL that Baidu downloads itself (hotlink protection must be off)',
			},
		],
		default: 'binary',
	},
	{
		displayName: 'Files to Read',
		name: 'binarySelection',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { inputType: ['binary'] } },
		options: [
			{
				name: 'Named Binary Properties',
				value: 'named',
				description: 'The properties named below (comma-separated, wildcards allowed)',
			},
			{
				name: 'All Binary Properties',
				value: 'all',
				description: 'Every file of the item, e.g. all attachments of an email',
			},
		],
		default: 'named',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { inputType: ['binary'], binarySelection: ['named'] } },
		placeholder: 'e.g. data, attachment_*',
		hint: 'The name of the input binary field containing the file to be recognized',
		description:
			'One or more binary property names, comma-separated; * and ? match several (attachment_* reads every email attachment). Images: JPG, PNG, BMP. PDF: the pages chosen in PDF Pages, each sent on its own.',
	},
	{
		displayName: 'Image URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { inputType: ['url'] } },
		placeholder: 'https://example.com/receipt.jpg',
		description: 'Http or https, at most 1024 bytes. Baidu downloads the image itself.',
	},
];
