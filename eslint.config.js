// ESLint (flat config): typescript-eslint's strict, type-aware rules on src and test; formatting is Prettier's
// (eslint-config-prettier turns off the rules it owns).
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'artifacts/**',
      'bench/**',
      'scripts/**',
      'fixtures/**',
      'src/generated/**',
      '*.js',
      'test/**/*.mjs',
    ],
  },
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // With noUncheckedIndexedAccess every checked index read needs `!`; the compiler already makes each one a choice.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Counts and flags in messages are numbers and booleans; only objects and undefined are mistakes there.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // `(x) => void list.push(x)` and `() => io.stdout(text)` are how callbacks that return nothing are written here.
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidOperator: true },
      ],
      // An async function that implements a Promise-returning interface must reject, not throw, even without an await.
      '@typescript-eslint/require-await': 'off',
      // Spreading a string splits it by code point, which is what the readers and the narrative checks mean to do.
      '@typescript-eslint/no-misused-spread': ['error', { allow: [{ from: 'lib', name: 'string' }] }],
    },
  },
  {
    // The command line's options and the page's state are made once a run or an edit; the rest runs per file and per cell.
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**', 'src/web/**', 'src/config/**'],
    rules: {
      // Node 20's V8 makes `{ ...base, more }` ten times slower than Object.assign, and its objects outlive
      // young-generation collections (src/model/objects.ts): per-cell and per-finding objects filled the old generation.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ObjectExpression > SpreadElement:first-child + *',
          message:
            "An object literal that begins with a spread and goes on is V8's slow path (src/model/objects.ts): use withFields(base, { more }) or put the spread last.",
        },
        {
          selector:
            "CallExpression[callee.property.name=/^(push|unshift)$/] > SpreadElement, CallExpression[callee.object.name='Math'][callee.property.name=/^(max|min)$/] > SpreadElement",
          message:
            'A spread passes every element as an argument: an input-sized array overflows the stack (about 100,000 elements). Use appendAll, largest or smallest (src/model/arrays.ts).',
        },
      ],
    },
  },
  {
    // Tests read JSON outputs back (JSON.parse is `any`) and assert on them: the assertions check the shapes.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Tests probe values the types promise (a reader's output on hostile input) and print data in their messages.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      // fast-xml-parser's XMLValidator is still the well-formedness check the JUnit tests want.
      '@typescript-eslint/no-deprecated': 'off',
    },
  },
  prettier,
);
