/** True when a path pattern has glob characters (* ? [). */
export function hasMagic(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

/** The folder before the first segment with glob characters: where to start listing ('.' when none). */
export function globBase(pattern: string): string {
  const segments = normalizePath(pattern).split('/');
  const fixed: string[] = [];
  for (const segment of segments) {
    if (hasMagic(segment)) break;
    fixed.push(segment);
  }
  if (fixed.length === segments.length) fixed.pop();
  const base = fixed.join('/');
  return base === '' ? (pattern.startsWith('/') ? '/' : '.') : base;
}

/** A regular expression for a glob: `**` any folders (also none), `*` any characters but `/`, `?` one such character, `[…]` a class. */
export function globToRegExp(pattern: string): RegExp {
  const glob = normalizePath(pattern).replace(/^\.\//, '');
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i]!;
    if (char === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        const atEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atStart && atEnd) {
          source += i + 2 === glob.length ? '.*' : '(?:[^/]*/)*';
          i += i + 2 === glob.length ? 1 : 2;
          continue;
        }
      }
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) {
        source += '\\[';
        continue;
      }
      const body = glob
        .slice(i + 1, end)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\');
      source += `[${body}]`;
      i = end;
    } else {
      source += char.replace(/[.+^${}()|\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 'u');
}

/** Whether a path matches a glob, both taken with forward slashes and without a leading ./ . */
export function matchGlob(pattern: string, path: string): boolean {
  return globToRegExp(pattern).test(normalizePath(path).replace(/^\.\//, ''));
}

/** Forward slashes. */
export function normalizePath(path: string): string {
  return path.replace(/\\/g, '/');
}
