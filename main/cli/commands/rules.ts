/** smsdesk rules list|add|remove|enable|disable: automatic answers a running station applies to what it receives. */
import { parseArgs } from 'node:util';
import { ArchiveError, DEFAULT_FORWARDS_PER_HOUR, DEFAULT_PER_HOUR, type Rule, type RuleInput } from '../../archive/index';
import type { Command } from '../command';
import { UsageError } from '../io';
import { DB_OPTION_HELP, recordId, withArchive } from './archive-db';

const KINDS = ['auto-reply', 'forward', 'missed-call'] as const;
type Kind = (typeof KINDS)[number];

function describe(rule: Rule): string {
  const from = rule.senders === null ? 'anyone' : rule.senders.join(', ');
  const when = rule.keyword === null ? '' : ` starting with "${rule.keyword}"`;
  const flash = rule.flash ? 'flash ' : '';
  switch (rule.kind) {
    case 'auto-reply':
      return `a message${when} from ${from} → ${flash}reply "${rule.text}"`;
    case 'forward':
      return `a message${when} from ${from} → forward to ${rule.forwardTo}`;
    case 'missed-call':
      return `a ${rule.rejectCall ? 'call (refused)' : 'missed call'} from ${from} → ${flash}SMS "${rule.text}"`;
  }
}

export const rulesListCommand: Command = {
  path: ['rules', 'list'],
  summary: 'List the automatic answers (auto-reply, forward, missed call)',
  help: `Usage: smsdesk rules list [--db FILE] [--json]

Lists the rules a running station applies, in the order it tries them.

Options:
${DB_OPTION_HELP}
  --json         One JSON object: {rules: [...]}
`,
  async run(argv, io) {
    const { values } = parseArgs({ args: [...argv], options: { db: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
    return withArchive(values.db, (archive) => {
      const rules = archive.rules.list();
      if (values.json)
        io.stdout(`${JSON.stringify({ rules: rules.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() })) })}\n`);
      else if (rules.length === 0) io.stdout('No rules yet.\n');
      else {
        for (const r of rules) {
          const off = r.enabled ? '' : ' (off)';
          io.stdout(`${String(r.id).padStart(4)}  ${r.kind.padEnd(11)}  ${describe(r)}; at most ${r.perHour} per number per hour${off}\n`);
        }
      }
      return 0;
    });
  },
};

export const rulesAddCommand: Command = {
  path: ['rules', 'add'],
  summary: 'Add an automatic answer: auto-reply, forward or missed-call',
  help: `Usage: smsdesk rules add auto-reply [--keyword WORD] --text TEXT [--from NUMBER ...] [--flash] [--per-hour N]
       smsdesk rules add forward --to NUMBER [--keyword WORD] [--from NUMBER ...] [--per-hour N]
       smsdesk rules add missed-call --text TEXT [--flash] [--reject] [--from NUMBER ...] [--per-hour N]

auto-reply   answers a message whose first word is WORD (any case); without
             --keyword, every message no keyword rule answers
forward      sends a message on to NUMBER, with the sender's number (and name, if
             a contact) in front of the text
missed-call  answers a call by SMS once it stops ringing, or at once after
             refusing it (--reject)

Every automatic message counts against a cap per number: at most N in an hour
(default ${DEFAULT_PER_HOUR}; ${DEFAULT_FORWARDS_PER_HOUR} for forwards), so two stations answering each other stop
after a few rounds. A forward is never sent back to its sender.
Alphanumeric senders and short codes are never answered.

Options:
  --keyword WORD The first word that triggers the rule (auto-reply, forward)
  --text TEXT    The reply, or the status text for a missed call
  --to NUMBER    (forward) Where to
  --from NUMBER  Only for this sender (repeat for more); default anyone
  --flash        Send the answer as a flash SMS (shown at once, not stored)
  --reject       (missed-call) Refuse the call at once, then answer
  --per-hour N   Automatic messages to one number per hour at most (default ${DEFAULT_PER_HOUR}, forward ${DEFAULT_FORWARDS_PER_HOUR})
${DB_OPTION_HELP}
  --json         One JSON object: the rule
`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        keyword: { type: 'string' },
        text: { type: 'string' },
        to: { type: 'string' },
        from: { type: 'string', multiple: true },
        flash: { type: 'boolean' },
        reject: { type: 'boolean' },
        'per-hour': { type: 'string' },
        db: { type: 'string' },
        json: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: true,
    });
    const kind = positionals[0] as Kind | undefined;
    if (positionals.length !== 1 || !KINDS.includes(kind!)) throw new UsageError(`Say which kind of rule: ${KINDS.join(', ')}.`);
    const perHour = values['per-hour'] === undefined ? undefined : Number(values['per-hour']);
    if (perHour !== undefined && (!Number.isInteger(perHour) || perHour < 1 || perHour > 1000)) {
      throw new UsageError('--per-hour must be a number from 1 to 1000.');
    }
    const common = { senders: values.from ?? null, ...(perHour !== undefined ? { perHour } : {}) };
    let input: RuleInput;
    if (kind === 'forward') {
      if (!values.to) throw new UsageError('Give the number to forward to with --to.');
      if (values.text !== undefined || values.flash || values.reject)
        throw new UsageError('A forward sends the message itself: leave out --text, --flash and --reject.');
      input = { kind, forwardTo: values.to, keyword: values.keyword ?? null, ...common };
    } else {
      if (!values.text) throw new UsageError('Give the text to send with --text.');
      if (values.to !== undefined) throw new UsageError('--to goes with forward rules.');
      if (kind === 'missed-call') {
        if (values.keyword !== undefined) throw new UsageError('A call has no text: leave out --keyword.');
        input = { kind, text: values.text, flash: values.flash ?? false, rejectCall: values.reject ?? false, ...common };
      } else {
        if (values.reject) throw new UsageError('--reject goes with missed-call rules.');
        input = { kind: 'auto-reply', text: values.text, keyword: values.keyword ?? null, flash: values.flash ?? false, ...common };
      }
    }
    return withArchive(values.db, (archive) => {
      let rule: Rule;
      try {
        rule = archive.rules.add(input);
      } catch (error) {
        if (!(error instanceof ArchiveError)) throw error;
        io.stderr(`${error.message}\n`);
        return 1;
      }
      io.stdout(
        values.json
          ? `${JSON.stringify({ ...rule, createdAt: new Date(rule.createdAt).toISOString() })}\n`
          : `Rule ${rule.id} added: ${describe(rule)}.\n`,
      );
      return 0;
    });
  },
};

export const rulesRemoveCommand: Command = {
  path: ['rules', 'remove'],
  summary: 'Remove an automatic answer',
  help: `Usage: smsdesk rules remove ID [--db FILE]

Removes the rule with this number ("smsdesk rules list" shows them). What it
sent stays counted against the per-number cap for the rest of the hour.

Options:
${DB_OPTION_HELP}
`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { db: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
    const id = recordId(positionals, 'rule', 'smsdesk rules remove');
    return withArchive(values.db, (archive) => {
      if (!archive.rules.remove(id)) {
        io.stderr(`There is no rule ${id}.\n`);
        return 1;
      }
      io.stdout(`Rule ${id} removed.\n`);
      return 0;
    });
  },
};

function switchCommand(verb: 'enable' | 'disable'): Command {
  const on = verb === 'enable';
  return {
    path: ['rules', verb],
    summary: on ? 'Turn an automatic answer back on' : 'Turn an automatic answer off without removing it',
    help: `Usage: smsdesk rules ${verb} ID [--db FILE]

${
  on
    ? 'Turns the rule with this number on again; a running station applies it to\nwhat it receives from now on.'
    : 'Turns the rule with this number off: a running station no longer applies it,\nand "smsdesk rules enable ID" turns it on again.'
} "smsdesk rules list" shows the numbers.

Options:
${DB_OPTION_HELP}
`,
    async run(argv, io) {
      const { values, positionals } = parseArgs({
        args: [...argv],
        options: { db: { type: 'string' } },
        strict: true,
        allowPositionals: true,
      });
      const id = recordId(positionals, 'rule', `smsdesk rules ${verb}`);
      return withArchive(values.db, (archive) => {
        const rule = archive.rules.get(id);
        if (!rule) {
          io.stderr(`There is no rule ${id}.\n`);
          return 1;
        }
        if (rule.enabled === on) io.stdout(`Rule ${id} is already ${on ? 'on' : 'off'}.\n`);
        else {
          archive.rules.setEnabled(id, on);
          io.stdout(`Rule ${id} is ${on ? 'on' : 'off'}: ${describe(rule)}.\n`);
        }
        return 0;
      });
    },
  };
}

export const rulesEnableCommand = switchCommand('enable');
export const rulesDisableCommand = switchCommand('disable');

export const rulesCommands: readonly Command[] = [
  rulesListCommand,
  rulesAddCommand,
  rulesRemoveCommand,
  rulesEnableCommand,
  rulesDisableCommand,
];
