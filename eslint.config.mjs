// Lint: typescript-eslint recommended (type-aware where it matters), plus the
// layer rule that keeps src/core pure (no vscode, DOM-only APIs or fs).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'media/**', 'out/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'src/core is pure: the extension shell talks to vscode.' },
          { name: 'fs', message: 'src/core is pure: the shells read files.' },
          { name: 'node:fs', message: 'src/core is pure: the shells read files.' },
          { name: 'fs/promises', message: 'src/core is pure: the shells read files.' },
          { name: 'node:fs/promises', message: 'src/core is pure: the shells read files.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'document', message: 'src/core is pure: no DOM.' },
        { name: 'window', message: 'src/core is pure: no DOM.' }],
    },
  },
);
