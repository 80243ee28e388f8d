import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startingConfig } from '../../src/cli/init-command.js';
import { effectiveConfig, parseConfig } from '../../src/config/config.js';
import { runIn, tempTree } from './temp-io.js';

describe('xxgk-lint init', () => {
  it('writes a commented starting configuration that xxgk-lint reads as its defaults', async () => {
    const folder = tempTree({});
    const run = await runIn(folder, ['init']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('已写入 xxgk-lint.config.json');
    const text = readFileSync(join(folder, 'xxgk-lint.config.json'), 'utf8');
    const parsed = await parseConfig(text);
    expect(parsed).toMatchObject({ ok: true });
    if (!parsed.ok) return;
    expect(parsed.config.$comment).toEqual(expect.arrayContaining([expect.stringContaining('ignores：')]));
    expect(effectiveConfig(parsed.config, 'xxgk-lint.config.json')).toMatchObject({
      locale: 'zh-CN',
      strict: false,
      failOn: 'error',
      exceptions: [],
      ignores: ['node_modules/', '**/草稿/', '**/*.bak'],
    });
    const lint = await runIn(folder, ['--print-config']);
    expect(JSON.parse(lint.stdout)).toMatchObject({ configFile: 'xxgk-lint.config.json', locale: 'zh-CN' });
  });

  it('refuses to overwrite an existing configuration unless --force', async () => {
    const folder = tempTree({ 'xxgk-lint.config.json': '{ "strict": true }\n' });
    const refused = await runIn(folder, ['init']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('xxgk-lint: xxgk-lint.config.json 已存在：没有覆盖它（用 --force 覆盖）\n');
    expect(readFileSync(join(folder, 'xxgk-lint.config.json'), 'utf8')).toBe('{ "strict": true }\n');
    const forced = await runIn(folder, ['init', '--force', '--locale', 'en']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('wrote xxgk-lint.config.json');
    expect(readFileSync(join(folder, 'xxgk-lint.config.json'), 'utf8')).toBe(startingConfig('en'));
  });

  it('says so when the configuration cannot be written', async () => {
    const folder = tempTree({});
    writeFileSync(join(folder, 'x'), '');
    const run = await runIn(join(folder, 'x'), ['init', '--locale', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^xxgk-lint: cannot write xxgk-lint\.config\.json/u);
    expect(run.stderr).not.toContain('internal error');
  });

  it('writes comments in English with --locale en, every line valid for the schema', async () => {
    const parsed = await parseConfig(startingConfig('en'));
    expect(parsed.ok).toBe(true);
    expect(startingConfig('en')).toContain('"$comment": [\n    "xxgk-lint configuration (written by xxgk-lint init).');
  });
});
