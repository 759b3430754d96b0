import { config } from '@n8n/node-cli/eslint';

// The shipped code (nodes/, credentials/, package.json) is linted by the root
// eslint.config.mjs: n8n's strict community config, exactly as `n8n-node lint` requires it.
// Tests, the emulator, benchmarks and scripts run only on developers' machines and in CI,
// never inside n8n: they may use timers, process and files. ESLint finds this file for them
// with its flag `unstable_config_lookup_from_file`, which `npm run lint` sets.
export default [
	...config,
	{ ignores: ['samples/files/**'] },
	{
		files: ['**/*.ts'],
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
