import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** apps/api/src folders that are features (they may import warehouse, common and infra; never the reverse). */
const FEATURE_FOLDERS = [
  'accounts',
  'analytics',
  'annotations',
  'api-keys',
  'audit',
  'auth',
  'bench',
  'bootstrap',
  'campaigns',
  'chaos',
  'demo',
  'digests',
  'exports',
  'health',
  'imports',
  'ingest',
  'organizations',
  'planning',
  'saved-views',
  'segments',
  'share-links',
];

/** Folder depths of files below apps/dashboard/src/features/<feature>/ (routes.tsx = 1, components/X.tsx = 2, …). */
const DASHBOARD_FEATURE_DEPTHS = [1, 2, 3];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.nx/**',
      '.resonance/**',
      'tmp/**',
      'e2e/artifacts/**',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:dashboard', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Type-aware rules for bugs that bite here: a promise nobody awaits loses its error (and can
    // crash the process); an async callback where a void one is expected does the same.
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'libs/**/*.ts', 'e2e/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // NestJS resolves constructor parameters from emitted decorator metadata: the parser must
    // know, so that injected classes stay value imports.
    files: ['apps/api/**/*.ts'],
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
  },
  {
    // Arrows inside the api point one way: feature → warehouse → infra/common (docs/architecture.md).
    files: ['apps/api/src/warehouse/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.integration-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: FEATURE_FOLDERS.flatMap((f) => [`../${f}/**`, `../../${f}/**`, `../../../${f}/**`]),
              message: 'The warehouse imports no feature: features call the warehouse (docs/architecture.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/api/src/common/**/*.ts', 'apps/api/src/infra/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.integration-spec.ts', 'apps/api/src/infra/database/entities.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Files sit two or three folders below src/ (common/auth/x.ts): name src-level folders by depth.
              group: [...FEATURE_FOLDERS, 'warehouse'].flatMap((f) => [`../../${f}/**`, `../../../${f}/**`]),
              message: 'common/ and infra/ sit below the features and the warehouse (docs/architecture.md).',
            },
          ],
        },
      ],
    },
  },
  {
    // Dashboard: shared/ sits below the features and app/ (docs/architecture.md).
    files: ['apps/dashboard/src/shared/**/*.ts', 'apps/dashboard/src/shared/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(features|app)(/|$)',
              message: 'shared/ imports no feature and not app/: move what several features need into shared/.',
            },
          ],
        },
      ],
    },
  },
  // Dashboard: a feature imports another feature only through its index.ts (its public face), never
  // its internals, and never app/. One block per folder depth, as the relative path to a sibling
  // feature depends on it (features/x/routes.tsx, features/x/components/Page.tsx, …).
  ...DASHBOARD_FEATURE_DEPTHS.map((depth) => ({
    files: [`apps/dashboard/src/features/${'*/'.repeat(depth)}*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^${'\\.\\./'.repeat(depth)}(?!\\.\\.)[^/]+/.+`,
              message:
                "Another feature's internals: import its index.ts (`../../<feature>`) or move the shared part into shared/.",
            },
            {
              regex: `^${'\\.\\./'.repeat(depth + 1)}app(/|$)`,
              message: 'Features do not import app/ (the router and layout import the features).',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['apps/dashboard/**/*.tsx', 'apps/dashboard/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['**/*.spec.ts', '**/*.spec.tsx', '**/*.integration-spec.ts', '**/test/**/*.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Entry points, CLIs and benchmarks talk to the terminal.
    files: [
      'apps/api/src/main.ts',
      'apps/api/src/infra/database/migrate.ts',
      'apps/api/src/bench/**/*.ts',
      'apps/api/src/chaos/**/*.ts',
      'e2e/**/*.ts',
    ],
    rules: { 'no-console': 'off' },
  },
  prettier,
);
