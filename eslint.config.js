// Lint: typescript-eslint recommended rules plus the architecture's import rule
// (issuer/, verifier/, wallet-web/ import shared/ only; shared/ imports none of them
// and nothing Node-only unless the file name says `.node.`).
import tseslint from 'typescript-eslint';

const apps = ['issuer', 'verifier', 'wallet-web'];
const appRule = (self) => ({
  files: [`${self}/**/*.ts`],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: apps.filter((a) => a !== self).map((a) => ({
        group: [`**/${a}/**`, `**/${a}`],
        message: `${self}/ must not import ${a}/; move what both need into shared/.`,
      })),
    }],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/**', '**/dist/**', 'data/**', 'coverage/**', 'reports/**', '.stryker-tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', {
        selector: "NewExpression[callee.name='Date'][arguments.length=0]",
        message: 'Inject the clock: no `new Date()` below the composition root (server.ts, cli).',
      }],
    },
  },
  ...apps.map(appRule),
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.node.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/issuer/**', '**/verifier/**', '**/wallet-web/**'], message: 'shared/ must not import an app folder.' },
          { group: ['node:*', 'fs', 'path', 'crypto', 'zlib', 'http', 'https', 'net', 'os', 'classic-level', 'express'], message: 'shared/ runs in the browser too; put Node-only code in a *.node.ts file.' },
        ],
      }],
    },
  },
  {
    // Composition roots and tests may read the real clock.
    files: ['**/server.ts', '**/cli/**/*.ts', 'scripts/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'wallet-web/src/main.ts', 'verifier/web/app.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
