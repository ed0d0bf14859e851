import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Relative import paths into these folders, from any depth. */
const upward = (folders) => folders.flatMap((folder) => ['../', '../../', '../../../'].map((up) => `${up}${folder}/*`));

function layerRules(layers) {
  return Object.entries(layers).map(([folder, above]) => ({
    files: [`${folder}/**/*.ts`, `${folder}/**/*.tsx`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: upward(above), message: `${folder}/ never imports a folder above it (see Development in README).` },
            { group: ['@temporalio/*/lib/*'], message: "Import from the package's public entry point, not its internals." },
          ],
        },
      ],
    },
  }));
}

export default tseslint.config(
  { ignores: ['node_modules/', '.data/', 'prisma/generated/', 'eslint.config.mjs', 'web/assets/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Folders form layers; none imports a folder above it:
  // domain < workflows < platform, mail < activities < api, worker < web < main < scripts, bench, test.
  // mail/ is pure parsing of untrusted messages: it leans on domain/ alone.
  // web/ is the guides' face on the API: its pages are routes of the API's table and call its use cases.
  ...layerRules({
    domain: ['workflows', 'platform', 'mail', 'activities', 'api', 'worker', 'web', 'main', 'scripts', 'bench', 'test'],
    platform: ['mail', 'activities', 'api', 'worker', 'web', 'main', 'scripts', 'bench', 'test'],
    mail: ['workflows', 'platform', 'activities', 'api', 'worker', 'web', 'main', 'scripts', 'bench', 'test'],
    activities: ['api', 'worker', 'web', 'main', 'scripts', 'bench', 'test'],
    api: ['worker', 'web', 'main', 'scripts', 'bench', 'test'],
    worker: ['api', 'web', 'main', 'scripts', 'bench', 'test'],
    web: ['worker', 'main', 'scripts', 'bench', 'test'],
    main: ['scripts', 'bench', 'test'],
    scripts: ['bench', 'test'],
  }),
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O.
    // It names its activities' types only (proxyActivities<typeof …>).
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'crypto', 'http', 'net', 'pg', 'nodemailer', '@prisma/*'], message: 'Workflows orchestrate only; do I/O in activities.' },
            { group: ['@temporalio/*/lib/*'], message: "Import from the package's public entry point, not its internals." },
            { group: upward(['platform', 'mail', 'api', 'worker', 'main', 'scripts', 'bench', 'test']), message: 'A folder never imports a folder above it.' },
            { group: upward(['activities']), allowTypeImports: true, message: 'Workflows may name activity types only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
