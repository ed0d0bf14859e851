// The selection filter (domain/selection.ts) as form controls: nested groups combined with
// all / any, each group and each condition with a NOT toggle, one control per condition the
// schema knows. The form posts flat names (`s.0.1.kind`), so it works without JavaScript;
// adding or removing a node is a button that posts the form and gets it back re-rendered.
import { z } from 'zod';
import { INTEREST_CODES, LANGUAGES, MOVE_STATUSES, NEWSLETTER_STATUSES, SOURCE_KINDS } from '../domain/codes.js';
import { MAX_SELECTION_BRANCHES, MAX_SELECTION_DEPTH, MAX_SELECTION_NODES, selectionFilter, type SelectionCondition, type SelectionFilter } from '../domain/selection.js';
import { MUNICIPALITY_CODES, UNIT_CODES, unitDisplayName, type UnitCode } from '../domain/units.js';
import { words, type Language } from './i18n.js';
import { newsletterWords } from './words/newsletters.js';

/** Every leaf condition of the schema: `municipalities`, `interests`, … */
export type ConditionType = SelectionCondition extends infer C ? (C extends unknown ? keyof C : never) : never;

export type SelectionNode =
  | { kind: 'group'; join: 'all' | 'any'; not: boolean; children: SelectionNode[] }
  | { kind: 'condition'; type: ConditionType; not: boolean; values: string[]; from: string; to: string };

/** How each condition is chosen: codes to tick, a date range, or yes/no. The Record makes a new condition a compile error here. */
const CONTROLS: Record<ConditionType, readonly string[] | 'range' | 'boolean'> = {
  municipalities: MUNICIPALITY_CODES,
  units: UNIT_CODES,
  interests: INTEREST_CODES,
  interestsAll: INTEREST_CODES,
  moveStatus: MOVE_STATUSES,
  newsletterStatus: NEWSLETTER_STATUSES,
  sources: SOURCE_KINDS,
  receivedBetween: 'range',
  language: LANGUAGES,
  householdWithChildren: 'boolean',
};
export const CONDITION_TYPES = Object.keys(CONTROLS) as ConditionType[];

export const emptySelection = (): SelectionNode => ({ kind: 'group', join: 'all', not: false, children: [] });
const newNode = (type: string): SelectionNode =>
  type === 'group'
    ? { kind: 'group', join: 'any', not: false, children: [] }
    : { kind: 'condition', type: (CONDITION_TYPES as string[]).includes(type) ? (type as ConditionType) : 'municipalities', not: false, values: type === 'householdWithChildren' ? ['true'] : [], from: '', to: '' };

export type FormFields = Record<string, string | string[] | undefined>;
const list = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const one = (value: string | string[] | undefined) => list(value)[0] ?? '';

/** The posted form as a tree; paths are `s`, `s.0`, `s.0.1`… and nothing deeper than the schema allows is read. */
export function readSelection(fields: FormFields, path = 's', depth = 1): SelectionNode {
  const kind = one(fields[`${path}.kind`]);
  // The top of the tree is always a group, whatever was posted.
  if (kind !== 'group' && path !== 's') {
    const node = newNode(kind);
    if (node.kind === 'condition') {
      node.not = one(fields[`${path}.not`]) === 'on';
      node.values = list(fields[`${path}.v`]).slice(0, 20);
      node.from = one(fields[`${path}.from`]).slice(0, 10);
      node.to = one(fields[`${path}.to`]).slice(0, 10);
    }
    return node;
  }
  const prefix = `${path}.`;
  const indexes = new Set<number>();
  for (const key of Object.keys(fields)) {
    const match = key.startsWith(prefix) ? /^(\d{1,2})\.kind$/.exec(key.slice(prefix.length)) : null;
    if (match) indexes.add(Number(match[1]));
  }
  const children = depth >= MAX_SELECTION_DEPTH ? [] : [...indexes].sort((a, b) => a - b).slice(0, MAX_SELECTION_BRANCHES).map((index) => readSelection(fields, `${path}.${index}`, depth + 1));
  return { kind: 'group', join: one(fields[`${path}.join`]) === 'any' ? 'any' : 'all', not: one(fields[`${path}.not`]) === 'on', children };
}

const parentOf = (path: string) => path.slice(0, path.lastIndexOf('.'));
const countNodes = (node: SelectionNode): number => 1 + (node.kind === 'group' ? node.children.reduce((sum, child) => sum + countNodes(child), 0) : 0);

function nodeAt(root: SelectionNode, path: string): SelectionNode | undefined {
  let node: SelectionNode | undefined = root;
  for (const index of path.split('.').slice(1)) node = node?.kind === 'group' ? node.children[Number(index)] : undefined;
  return node;
}

/** Applies an "add" or "remove" button of the builder; answers the path to focus afterwards. */
export function editSelection(root: SelectionNode, action: string, fields: FormFields): string | undefined {
  const [verb, path = ''] = action.split(':');
  if (verb === 'add') {
    const group = nodeAt(root, path);
    if (group?.kind !== 'group' || group.children.length >= MAX_SELECTION_BRANCHES || countNodes(root) >= MAX_SELECTION_NODES) return path;
    group.children.push(newNode(one(fields[`${path}.add`])));
    return `${path}.${group.children.length - 1}`;
  }
  if (verb === 'remove' && path.includes('.')) {
    const group = nodeAt(root, parentOf(path));
    if (group?.kind === 'group') group.children.splice(Number(path.slice(path.lastIndexOf('.') + 1)), 1);
    return parentOf(path);
  }
  return undefined;
}

export interface SelectionProblem {
  field: string;
  message: string;
}

function leaf(node: Extract<SelectionNode, { kind: 'condition' }>): SelectionFilter | string {
  const control = CONTROLS[node.type];
  if (control === 'range') return node.from && node.to ? ({ receivedBetween: { from: node.from, to: node.to } } as SelectionFilter) : 'dates';
  if (control === 'boolean') return { householdWithChildren: node.values[0] !== 'false' };
  const values = node.values.filter((value) => control.includes(value));
  return values.length ? ({ [node.type]: [...new Set(values)] } as SelectionFilter) : 'values';
}

/** The tree as the API's filter, or the problems that keep it from being one (in the page's words). */
export function selectionToFilter(root: SelectionNode, lang: Language): { filter?: SelectionFilter; problems: SelectionProblem[] } {
  const t = newsletterWords(lang);
  const problems: SelectionProblem[] = [];
  const convert = (node: SelectionNode, path: string): SelectionFilter | undefined => {
    let inner: SelectionFilter | undefined;
    if (node.kind === 'condition') {
      const made = leaf(node);
      if (typeof made === 'string') {
        problems.push({ field: nodeId(path), message: `${t.conditionTypes[node.type]}: ${made === 'dates' ? t.chooseDates : t.chooseOne}` });
        return undefined;
      }
      inner = made;
    } else {
      const children = node.children.map((child, index) => convert(child, `${path}.${index}`)).filter((child) => child !== undefined);
      if (children.length === 0) return undefined;
      inner = children.length === 1 ? children[0] : ({ [node.join]: children } as SelectionFilter);
    }
    return node.not ? { not: inner! } : inner;
  };
  const filter = convert(root, 's');
  if (problems.length) return { problems };
  if (!filter) return { problems: [{ field: nodeId('s'), message: t.addOneCondition }] };
  const parsed = selectionFilter.safeParse(filter);
  if (!parsed.success) return { problems: parsed.error.issues.map((issue) => ({ field: nodeId('s'), message: issue.message })) };
  return { filter: parsed.data, problems: [] };
}

/** A stored filter as a tree for the form; double negations cancel out. */
export function filterToSelection(filter: SelectionFilter): SelectionNode {
  const convert = (node: SelectionFilter, negated: boolean): SelectionNode => {
    if ('not' in node) return convert(node.not, !negated);
    if ('all' in node) return { kind: 'group', join: 'all', not: negated, children: node.all.map((child) => convert(child, false)) };
    if ('any' in node) return { kind: 'group', join: 'any', not: negated, children: node.any.map((child) => convert(child, false)) };
    const [type, value] = Object.entries(node)[0] as [ConditionType, unknown];
    const range = type === 'receivedBetween' ? (value as { from: string; to: string }) : undefined;
    const values = Array.isArray(value) ? (value as string[]) : typeof value === 'boolean' ? [String(value)] : [];
    return { kind: 'condition', type, not: negated, values, from: range?.from ?? '', to: range?.to ?? '' };
  };
  const root = convert(filter, false);
  return root.kind === 'group' ? root : { kind: 'group', join: 'all', not: false, children: [root] };
}

function optionLabel(type: ConditionType, code: string, lang: Language): string {
  const t = words(lang);
  switch (type) {
    case 'municipalities':
    case 'units':
      return unitDisplayName(code as UnitCode);
    case 'interests':
    case 'interestsAll':
      return t.interestLabels[code as keyof typeof t.interestLabels] ?? code;
    case 'moveStatus':
      return t.moveStatuses[code] ?? code;
    case 'newsletterStatus':
      return t.newsletterStatuses[code] ?? code;
    case 'sources':
      return t.sources[code] ?? code;
    case 'language':
      return t.languages[code] ?? code;
    default:
      return code;
  }
}

/** In words, for the campaign page: "Alla av: Valda kommuner: Åre, Krokom; INTE Språk: Engelska". */
export function describeFilter(filter: SelectionFilter, lang: Language): string {
  const t = newsletterWords(lang);
  const describe = (node: SelectionFilter): string => {
    if ('not' in node) return `${t.notPrefix} (${describe(node.not)})`;
    if ('all' in node || 'any' in node) {
      const children = 'all' in node ? node.all : node.any;
      return `${'all' in node ? t.joinAllShort : t.joinAnyShort} [${children.map(describe).join('; ')}]`;
    }
    const [type, value] = Object.entries(node)[0] as [ConditionType, unknown];
    const text =
      type === 'receivedBetween'
        ? `${(value as { from: string }).from} – ${(value as { to: string }).to}`
        : type === 'householdWithChildren'
          ? value ? t.withChildren : t.withoutChildren
          : (value as string[]).map((code) => optionLabel(type, code, lang)).join(', ');
    return `${t.conditionTypes[type]}: ${text}`;
  };
  return describe(filter);
}

export const nodeId = (path: string) => `sel-${path.replaceAll('.', '-')}`;

/** Attributes that make an add/remove button swap only the builder (and the preview) when htmx runs. */
const swapBuilder = { 'hx-post': '/newsletters/compose', 'hx-target': '#selection-builder', 'hx-select': '#selection-builder > *', 'hx-swap': 'innerHTML', 'hx-select-oob': '#preview' };

function ConditionControls({ node, path, lang }: { node: Extract<SelectionNode, { kind: 'condition' }>; path: string; lang: Language }) {
  const t = newsletterWords(lang);
  const control = CONTROLS[node.type];
  if (control === 'range') {
    return (
      <div class="sel-range">
        <label>{t.from} <input type="date" name={`${path}.from`} value={node.from} min="2000-01-01" max="2100-12-31" /></label>
        <label>{t.to} <input type="date" name={`${path}.to`} value={node.to} min="2000-01-01" max="2100-12-31" /></label>
      </div>
    );
  }
  if (control === 'boolean') {
    return (
      <div class="sel-options">
        <label class="choice"><input type="radio" name={`${path}.v`} value="true" checked={node.values[0] !== 'false'} /> {t.withChildren}</label>
        <label class="choice"><input type="radio" name={`${path}.v`} value="false" checked={node.values[0] === 'false'} /> {t.withoutChildren}</label>
      </div>
    );
  }
  return (
    <div class="sel-options">
      {control.map((code) => (
        <label class="choice"><input type="checkbox" name={`${path}.v`} value={code} checked={node.values.includes(code)} /> {optionLabel(node.type, code, lang)}</label>
      ))}
    </div>
  );
}

function NodeFields({ node, path, depth, lang, focus, label }: { node: SelectionNode; path: string; depth: number; lang: Language; focus?: string; label: string }) {
  const t = newsletterWords(lang);
  const focusHere = focus === path ? true : undefined;
  if (node.kind === 'condition') {
    return (
      <fieldset class="sel-condition" id={nodeId(path)} data-focus-after-swap={focusHere}>
        <legend>{label}</legend>
        <input type="hidden" name={`${path}.kind`} value={node.type} />
        <ConditionControls node={node} path={path} lang={lang} />
        <div class="sel-row">
          <label class="choice sel-not"><input type="checkbox" name={`${path}.not`} value="on" checked={node.not} /> {t.notCondition}</label>
          <button type="submit" class="secondary small" name="action" value={`remove:${path}`} formaction="/newsletters/compose#selection-builder" aria-label={`${t.removeCondition}: ${label}`} {...swapBuilder}>{t.removeCondition}</button>
        </div>
      </fieldset>
    );
  }
  const root = path === 's';
  const canNest = depth + 2 <= MAX_SELECTION_DEPTH;
  return (
    <fieldset class={root ? 'sel-group sel-root' : 'sel-group'} id={nodeId(path)} data-focus-after-swap={focusHere}>
      <legend>{label}</legend>
      <input type="hidden" name={`${path}.kind`} value="group" />
      <fieldset class="sel-join">
        <legend class="small-legend">{t.joinLegend}</legend>
        <label class="choice"><input type="radio" name={`${path}.join`} value="all" checked={node.join === 'all'} /> {t.joinAll}</label>
        <label class="choice"><input type="radio" name={`${path}.join`} value="any" checked={node.join === 'any'} /> {t.joinAny}</label>
      </fieldset>
      <label class="choice sel-not"><input type="checkbox" name={`${path}.not`} value="on" checked={node.not} /> {t.notGroup}</label>
      {node.children.length === 0 ? <p class="muted">{t.emptyGroup}</p> : (
        <ol class="sel-children">
          {node.children.map((child, index) => {
            const childPath = `${path}.${index}`;
            const childLabel = child.kind === 'group' ? `${t.group} ${childPath.slice(2).split('.').map((n) => Number(n) + 1).join('.')}` : t.conditionTypes[child.type]!;
            return <li><NodeFields node={child} path={childPath} depth={depth + 1} lang={lang} focus={focus} label={childLabel} /></li>;
          })}
        </ol>
      )}
      <div class="sel-add">
        <label for={`${nodeId(path)}-add`}>{t.addLabel}</label>
        <div class="sel-row">
          <select id={`${nodeId(path)}-add`} name={`${path}.add`}>
            {CONDITION_TYPES.map((type) => <option value={type}>{t.conditionTypes[type]}</option>)}
            {canNest && <option value="group">{t.addGroupOption}</option>}
          </select>
          <button type="submit" class="secondary" name="action" value={`add:${path}`} formaction="/newsletters/compose#selection-builder" aria-label={`${t.addButton}: ${label}`} {...swapBuilder}>{t.addButton}</button>
        </div>
      </div>
      {!root && <button type="submit" class="secondary small" name="action" value={`remove:${path}`} formaction="/newsletters/compose#selection-builder" aria-label={`${t.removeGroup}: ${label}`} {...swapBuilder}>{t.removeGroup}</button>}
    </fieldset>
  );
}

/** The whole builder; `focus` is the node an add or remove button left focus on. */
export function SelectionBuilder({ root, lang, focus }: { root: SelectionNode; lang: Language; focus?: string }) {
  return (
    <div id="selection-builder">
      <NodeFields node={root} path="s" depth={1} lang={lang} focus={focus} label={newsletterWords(lang).rootGroup} />
    </div>
  );
}

/** What the builder's form fields look like to zod: flat names, repeated ones as arrays. */
export const formFields = z.record(z.string(), z.union([z.string().max(60_000), z.array(z.string().max(200)).max(50)]));
