import { Help, type Command, type Option } from 'commander';
import { cliMessage } from '../diagnostics/render.js';
import { MESSAGE_CATALOGUE } from '../generated/data.js';
import type { Locale } from '../rules/catalogue-types.js';
import { LINT_OPTION_GROUPS, ROOT_HELP_AFTER, ZH_HELP, ZH_TITLES } from './help-text.js';

/**
 * Makes a program's help speak the locale: the Chinese description of every command, option and argument (ZH_HELP),
 * commander's titles and "(choices, default)" notes, the lint options grouped (LINT_OPTION_GROUPS) and shown by the
 * top-level --help as well, with examples. Called once every command is declared.
 */
export function localizeHelp(program: Command, locale: Locale): void {
  const lint = program.commands.find((command) => command.name() === 'lint');
  for (const command of [program, ...program.commands]) {
    const name = command === program ? program.name() : command.name();
    if (locale === 'zh-CN') {
      const description = ZH_HELP[name];
      if (description !== undefined) command.description(description);
      for (const argument of command.registeredArguments)
        argument.description = ZH_HELP[`${name} ${argument.name()}`] ?? argument.description;
      command.helpOption('-h, --help', ZH_HELP[`${name} --help`] ?? ZH_HELP['xxgk-lint --help']!);
      for (const option of command.options)
        option.description = ZH_HELP[`${name} ${option.long ?? option.flags}`] ?? option.description;
    }
    if (command === lint) {
      for (const option of command.options) {
        const group = LINT_OPTION_GROUPS.find((candidate) => candidate.options.includes(option.long ?? ''));
        if (group) option.helpGroup(group.heading[locale]);
      }
      command.optionsGroup(locale === 'zh-CN' ? '选项：' : 'Options:');
    }
    command.configureHelp(helpConfiguration(program, lint, locale));
  }
  if (locale === 'zh-CN') program.helpCommand('help [command]', ZH_HELP['help']);
  program.addHelpText('after', ROOT_HELP_AFTER[locale]);
}

function helpConfiguration(program: Command, lint: Command | undefined, locale: Locale) {
  const zh = locale === 'zh-CN';
  return {
    styleTitle: (title: string) => (zh ? (ZH_TITLES[title] ?? title) : title),
    displayWidth: (text: string) => displayWidth(text),
    // Chinese has no spaces to wrap at: a line is left whole rather than broken at the odd ASCII word.
    ...(zh ? { boxWrap: (text: string) => text } : {}),
    groupItems: <T extends Command | Option>(
      unsorted: T[],
      visible: T[],
      groupOf: (item: T) => string,
    ): Map<string, T[]> =>
      inGroupOrder(
        Help.prototype.groupItems.call(
          undefined,
          unsorted,
          visible,
          groupOf as (item: Command | Option) => string,
        ) as Map<string, T[]>,
        locale,
      ),
    optionDescription: (option: Option) =>
      withNotes(
        option.description,
        option.argChoices,
        showsDefault(option) ? (option.defaultValueDescription ?? JSON.stringify(option.defaultValue)) : undefined,
        locale,
      ),
    formatHelp: (command: Command, helper: Help): string =>
      command === program && lint
        ? rootHelp(program, lint, helper, locale)
        : Help.prototype.formatHelp.call(helper, command, helper),
  };
}

/** The top-level help: usage, description, the lint options by group, then the other commands. */
function rootHelp(program: Command, lint: Command, helper: Help, locale: Locale): string {
  const width = Math.max(helper.padWidth(program, helper), helper.padWidth(lint, helper));
  const item = (term: string, description: string) => helper.formatItem(term, width, description, helper);
  const lines = [
    `${helper.styleTitle('Usage:')} ${program.name()} [options] [files...]`,
    `${' '.repeat(displayWidth(helper.styleTitle('Usage:')))} ${program.name()} <command> [options]`,
    '',
    program.description(),
    '',
  ];
  const options = [
    ...helper.visibleOptions(lint).filter((option) => option.long !== '--help'),
    ...helper.visibleOptions(program),
  ];
  const groups = helper.groupItems(
    [...lint.options, ...program.options],
    options,
    (option) => option.helpGroupHeading ?? (locale === 'zh-CN' ? '其他：' : 'Other:'),
  );
  for (const [heading, members] of groups)
    lines.push(
      ...helper.formatItemList(
        heading,
        members.map((option) => item(helper.optionTerm(option), helper.optionDescription(option))),
        helper,
      ),
    );
  const commands = helper.visibleCommands(program);
  lines.push(
    ...helper.formatItemList(
      'Commands:',
      commands.map((command) => item(helper.subcommandTerm(command), helper.subcommandDescription(command))),
      helper,
    ),
  );
  return lines.join('\n');
}

/** Groups in the order LINT_OPTION_GROUPS gives (commander keeps the order options were declared in), others after. */
function inGroupOrder<T>(groups: Map<string, T[]>, locale: Locale): Map<string, T[]> {
  const rank = (heading: string) => {
    const index = LINT_OPTION_GROUPS.findIndex((group) => group.heading[locale] === heading);
    return index < 0 ? LINT_OPTION_GROUPS.length : index;
  };
  return new Map([...groups].sort(([a], [b]) => rank(a) - rank(b)));
}

function showsDefault(option: Option): boolean {
  return (
    option.defaultValue !== undefined &&
    (option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean'))
  );
}

function withNotes(
  description: string,
  choices: readonly string[] | undefined,
  byDefault: string | undefined,
  locale: Locale,
): string {
  const zh = locale === 'zh-CN';
  const notes: string[] = [];
  if (choices) notes.push(`${zh ? '可选：' : 'choices: '}${choices.join(', ')}`);
  if (byDefault !== undefined)
    notes.push(`${zh ? '默认：' : 'default: '}${zh ? (ZH_DEFAULTS[byDefault] ?? byDefault) : byDefault}`);
  if (notes.length === 0) return description;
  return zh ? `${description}（${notes.join('；')}）` : `${description} (${notes.join(', ')})`;
}

/** Default values described in words, in Chinese. */
const ZH_DEFAULTS: Readonly<Record<string, string>> = { 'standard output': '标准输出', none: '无' };

/** Columns a text takes in a terminal: East Asian wide characters take two. */
export function displayWidth(text: string): number {
  let width = 0;

  for (const character of text.replace(/\u001b\[[0-9;]*m/gu, ''))
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u.test(
        character,
      )
        ? 2
        : 1;
  return width;
}

/** Commander's usage errors, by their English text: what each is called in the message catalogue and its parts. */
const USAGE_ERRORS: ReadonlyArray<{ pattern: RegExp; id: string; parts: readonly string[] }> = [
  {
    pattern: /^error: unknown option '(.+?)'(?:\n\(Did you mean (?:one of )?(.+?)\?\))?$/su,
    id: 'usage-unknown-option',
    parts: ['option', 'suggestion'],
  },
  {
    pattern: /^error: unknown command '(.+?)'(?:\n\(Did you mean (?:one of )?(.+?)\?\))?$/su,
    id: 'usage-unknown-command',
    parts: ['command', 'suggestion'],
  },
  { pattern: /^error: missing required argument '(.+?)'$/su, id: 'usage-missing-argument', parts: ['argument'] },
  { pattern: /^error: option '(.+?)' argument missing$/su, id: 'usage-option-missing-argument', parts: ['option'] },
  {
    pattern: /^error: too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\.$/su,
    id: 'usage-excess-arguments',
    parts: ['command', 'expected', 'received'],
  },
  {
    pattern: /^error: option '(.+?)' argument '(.*?)' is invalid\.\s*(.*)$/su,
    id: 'usage-invalid-value',
    parts: ['option', 'value', 'reason'],
  },
  {
    pattern: /^error: command-argument value '(.*?)' is invalid for argument '(.+?)'\.\s*(.*)$/su,
    id: 'usage-invalid-argument',
    parts: ['value', 'argument', 'reason'],
  },
];

/**
 * A usage error of commander in the locale: commander writes English (`error: unknown option '--fromat'` and its
 * suggestion); the message catalogue has each in both languages, and the reasons our own option parsers give are
 * message ids (arg-*). A text of no known shape is kept, with its "error:" said in the locale.
 */
export function localizeUsageError(text: string, locale: Locale): string {
  const message = text.replace(/\n$/u, '');
  for (const { pattern, id, parts } of USAGE_ERRORS) {
    const match = pattern.exec(message);
    if (!match) continue;
    const args: Record<string, string> = {};
    parts.forEach((part, index) => {
      args[part] = match[index + 1] ?? '';
    });
    if (args['reason'] !== undefined) args['reason'] = localizeReason(args['reason'], locale);
    let line = cliMessage(id, locale, args);
    if (args['suggestion']) line += cliMessage('usage-did-you-mean', locale, { suggestion: args['suggestion'] });
    return `${cliMessage('usage-error', locale, { message: line })}\n${cliMessage('usage-see-help', locale)}\n`;
  }
  return `${message.replace(/^error: /u, cliMessage('usage-error', locale, { message: '' }))}\n`;
}

/** The reason an option's value was refused: commander's list of choices, or one of our message ids. */
function localizeReason(reason: string, locale: Locale): string {
  const choices = /^Allowed choices are (.+)\.$/su.exec(reason);
  if (choices) return cliMessage('usage-choices', locale, { choices: choices[1] ?? '' });
  return MESSAGE_CATALOGUE.cli[reason] ? cliMessage(reason, locale) : reason;
}
