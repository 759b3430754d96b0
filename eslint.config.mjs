import { config } from '@n8n/node-cli/eslint';

// The shipped code (nodes/, credentials/, package.json) is linted with n8n's strict
// community config, unchanged. Tests, the emulator, benchmarks and scripts run only on
// developers' machines and in CI, never inside n8n: they may use timers, process and files.
export default [
	...config,
	{ ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'test/samples/files/**', 'gulpfile.js', 'jest.config.js'] },
	{
		files: ['test/**/*.ts', 'scripts/**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			'@n8n/community-nodes/require-node-api-error': 'off',
			'@n8n/community-nodes/missing-paired-item': 'off',
			'@n8n/community-nodes/node-usable-as-tool': 'off',
			'@n8n/community-nodes/require-node-description-fields': 'off',
			'no-console': 'off',
			'@typescript-eslint/no-require-imports': 'off',
		},
	},
];
