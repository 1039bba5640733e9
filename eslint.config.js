// Lint runs inside the test command; type-aware rules are left to tsc (strict) to keep it fast on 2 cores.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.tools/', '.run/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', URL: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', fetch: 'readonly', performance: 'readonly', queueMicrotask: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Every regex in the product is RE2 (linear time); literals are only allowed where RE2 is not the point.
      'no-restricted-syntax': ['error', { selector: 'NewExpression[callee.name="RegExp"]', message: 'Use RE2 (src/util/re2.ts), never RegExp.' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: 'NewExpression[callee.name="RegExp"]', message: 'Use RE2 (src/util/re2.ts), never RegExp.' },
        { selector: 'Literal[regex]', message: 'Regex literals are not RE2: compile with RE2 (src/util/re2.ts).' },
        // Each evaluation of an object literal with accessors gets its own hidden class in old space,
        // which keeps the objects it reaches alive through scavenges (see StreamRequestContext).
        { selector: 'ObjectExpression > Property[kind=/^[gs]et$/]', message: 'No getters or setters in object literals: use a class (an accessor literal gets a new hidden class each time).' }],
    },
  },
);
