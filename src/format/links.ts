/** The project's repository (package.json `repository`; a test keeps the two equal). */
export const REPOSITORY_URL = 'https://github.com/xxgk-lint/xxgk-lint';

/** Where a rule's documentation page is read: docs/rules/<id>.md in the repository. */
export function ruleDocUrl(id: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${id}.md`;
}
