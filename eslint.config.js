// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-check/**', 'node_modules/**', 'coverage/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Use explicit exports, not export *.' },
      ],
    },
  },
  {
    // The simulation must be deterministic: no wall clock, no Math.random.
    files: ['src/sim/**', 'src/model/**', 'src/modes/**', 'src/workload/**', 'src/metrics/**', 'src/run/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded Rng streams.' },
        { object: 'Date', property: 'now', message: 'No wall clock inside the simulation.' },
        { object: 'performance', property: 'now', message: 'No wall clock inside the simulation.' },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'Only src/cli touches process.' }],
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.js', 'scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
