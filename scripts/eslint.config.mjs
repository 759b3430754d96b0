// Scripts are developer tools like the tests: the same relaxed rules (see test/eslint.config.mjs).
export { default } from '../test/eslint.config.mjs';
