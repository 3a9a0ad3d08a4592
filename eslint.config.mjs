// ESLint 9 flat config: correctness (typescript-eslint, react-hooks), no import cycles, and the
// layer directions of docs/architecture.md. Formatting is Prettier's job (.prettierrc); the
// eslint-config-prettier block at the end switches off every rule that would fight it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import local from './eslint.local-rules.mjs';
import tseslint from 'typescript-eslint';

const core = './cloudfunctions/core';

// One zone per layer: files under `target` may not import anything under `from`.
// Allowed directions (top imports bottom): entries → runtime → services → api/store/notifier/files → domain.
const layerZones = [
  {
    target: `${core}/domain`,
    from: [`${core}/services`, `${core}/store`, `${core}/runtime`, `${core}/api`, `${core}/notifier`, `${core}/files`],
    message: 'domain/ is pure rules and document types: it imports no service, store, runtime, api, notifier or files module.',
  },
  {
    target: `${core}/api`,
    from: [`${core}/services`, `${core}/store`, `${core}/runtime`, `${core}/notifier`, `${core}/files`],
    message: 'api/ holds the contracts (zod schemas and views): it may import domain/ and errors only.',
  },
  {
    target: `${core}/store`,
    from: [`${core}/services`, `${core}/runtime`, `${core}/api`, `${core}/notifier`, `${core}/files`],
    message: 'store/ is the persistence port and its adapters: it may import domain/ (document types) and errors only.',
  },
  {
    target: [`${core}/notifier`, `${core}/files`],
    from: [`${core}/services`, `${core}/runtime`, `${core}/api`, `${core}/store`],
    message: 'notifier/ and files/ are ports with adapters: they may import domain/ and errors only.',
  },
  {
    target: `${core}/services`,
    from: [`${core}/runtime`],
    message: 'services/ are called by the runtime, never the other way round.',
  },
  {
    target: core,
    from: './cloudfunctions',
    except: ['./core'],
    message: 'core/ imports no function entry and not the registry: the entries import the core.',
  },
  {
    target: './cloudfunctions',
    from: ['./src', './server', './scripts', './bench', './test', './config'],
    message: 'Cloud functions import no app, server, script or test code.',
  },
  {
    target: './src',
    from: './cloudfunctions',
    except: ['./core/api', './core/domain'],
    message: 'The app reaches the core only through its contracts (core/api) and pure rules (core/domain).',
  },
  {
    target: './src',
    from: ['./server', './scripts', './bench', './test'],
    message: 'The app imports no server, script or test code.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'build/',
      'coverage/',
      'test-results/',
      '.swc/',
      'data/',
      '.data*/',
      'cloudfunctions/*/index.js',
      'cloudfunctions/*/dist/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { 'import-x': importX, local },
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs', '.cjs'],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Cycles: import-x follows value imports; the local rule catches loops closed by `import type`.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'local/type-import-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',

      // tsc (strict) already checks these, with better messages.
      'no-undef': 'off',
      'no-redeclare': 'off',
      // Unused code: `_`-prefixed names are deliberate (a parameter kept for a signature).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Type-only imports say so (auto-fixable); `typeof import('x')` stays allowed for dynamic imports.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    // The two classic hook rules. The React Compiler rules of the plugin's `recommended` set
    // (set-state-in-effect, refs, purity, ...) are left off: the app does not use the compiler,
    // and they flag the ordinary load-in-an-effect pattern of every page.
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Tests craft malformed input on purpose (`as any`).
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
