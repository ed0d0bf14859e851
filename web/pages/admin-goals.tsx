// The in-migration goals form (issue 16): an administrator sets and changes the goals per
// municipality and for the whole region, per year, through the goals use case; the change
// history (who, when, old and new) is shown below. Figure readers see the goals on the figures.
import { z } from 'zod';
import { GOAL_SCOPES } from '../../api/goal-schemas.js';
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR, currentStockholmYear } from '../../api/reports/report-query.js';
import { listGoalChanges, listGoals, setGoal, type GoalScope } from '../../api/use-cases/in-migration-goals.js';
import { rejected, type FieldError } from '../../domain/errors.js';
import { REGION, unitDisplayName } from '../../domain/units.js';
import { page, signedIn, type WebCaller, type WebDeps } from '../declarations.js';
import { CsrfField, ErrorSummary, Field, Flash, stockholmTime } from '../components.js';
import { FormView, type FormRefusal } from '../form-errors.js';
import { words } from '../i18n.js';
import { renderPage } from '../layout.js';
import { adminWords } from '../words/admin.js';

const MAX_GOAL = 1_000_000;
const year = z.coerce.number().int().min(FIRST_REPORT_YEAR).max(LAST_REPORT_YEAR);
const goalCount = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.coerce.number({ error: `a whole number from 0 to ${MAX_GOAL}` }).int(`a whole number from 0 to ${MAX_GOAL}`).min(0, `a whole number from 0 to ${MAX_GOAL}`).max(MAX_GOAL, `a whole number from 0 to ${MAX_GOAL}`).optional(),
);
const peopleField = (scope: GoalScope) => `people_${scope}`;
const householdsField = (scope: GoalScope) => `households_${scope}`;

const HOUSEHOLDS_NEED_PEOPLE = 'a household goal needs a goal for people';
const goalsForm = z
  .object({
    year,
    ...Object.fromEntries(GOAL_SCOPES.flatMap((scope) => [[peopleField(scope), goalCount], [householdsField(scope), goalCount]])),
  })
  .superRefine((form: Record<string, unknown>, ctx) => {
    for (const scope of GOAL_SCOPES) {
      if (form[peopleField(scope)] === undefined && form[householdsField(scope)] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [peopleField(scope)], message: HOUSEHOLDS_NEED_PEOPLE });
      }
    }
  }) as unknown as z.ZodType<{ year: number } & Record<string, number | undefined>>;
/** The form's field names: `people_<scope>` and `households_<scope>`. */
const scopeOfField = (field: string) => GOAL_SCOPES.find((scope) => field === peopleField(scope) || field === householdsField(scope));
type GoalsForm = z.infer<typeof goalsForm>;

const scopeName = (scope: GoalScope, lang: WebCaller['lang']) => (scope === REGION ? adminWords(lang).wholeRegion : unitDisplayName(scope));
const scopeInline = (scope: GoalScope, lang: WebCaller['lang']) => (scope === REGION ? adminWords(lang).wholeRegionInline : unitDisplayName(scope));

async function goalsPage(deps: WebDeps, caller: WebCaller, shownYear: number, saved: number | undefined, refusal?: FormRefusal) {
  const a = adminWords(caller.lang);
  const form = new FormView(caller.lang, refusal);
  const [goals, changes] = await Promise.all([listGoals(deps.db, shownYear), listGoalChanges(deps.db, shownYear)]);
  const thisYear = currentStockholmYear(new Date());
  const years = [...new Set([thisYear - 1, thisYear, thisYear + 1, thisYear + 2, shownYear])].filter((y) => y >= FIRST_REPORT_YEAR && y <= LAST_REPORT_YEAR).sort();
  const goalText = (value: { people: number; households: number | null } | null) => (value ? a.goalText(value.people, value.households) : a.noGoal);
  const title = `${a.goalsTitle} ${shownYear}`;
  return renderPage(
    caller,
    refusal ? a.errorTitle(title) : title,
    <>
      <p class="eyebrow"><a href="/admin">{a.adminTitle}</a></p>
      {refusal && <ErrorSummary lang={caller.lang} errors={refusal.errors} />}
      <h1>{a.goalsTitle} {shownYear}</h1>
      <p>{a.goalsLead}</p>
      <p><a href={`/figures?period=year&year=${shownYear}`}>{a.toFigures}</a> · <a href={`/api/v1/reports/goals?year=${shownYear}`}>{a.goalsReport}</a></p>
      <form method="get" action="/admin/goals" class="inline-form">
        <div class="field">
          <label for="year">{a.yearLabel}</label>
          <select id="year" name="year">
            {years.map((y) => <option value={y} selected={y === shownYear}>{y}</option>)}
          </select>
        </div>
        <button type="submit" class="secondary">{a.showYear}</button>
      </form>
      <Flash text={saved === undefined ? undefined : a.goalsSaved(saved)} />
      <section class="panel" aria-labelledby="goals-heading">
        <h2 id="goals-heading" tabindex={-1}>{a.goalsFor(shownYear)}</h2>
        {form.errors.filter((entry) => entry.field === '').map((entry) => (
          <p class="error-message"><span class="visually-hidden">{words(caller.lang).errorPrefix}: </span>{entry.message}</p>
        ))}
        <form method="post" action="/admin/goals" novalidate>
          <CsrfField caller={caller} />
          <input type="hidden" name="year" value={shownYear} />
          <div class="goal-grid">
            {GOAL_SCOPES.map((scope) => {
              const goal = goals.find((row) => row.scope === scope);
              const people = peopleField(scope);
              const households = householdsField(scope);
              return (
                <fieldset class="goal">
                  <legend>{scopeName(scope, caller.lang)}</legend>
                  <div class="goal-inputs">
                    <Field id={people} label={a.peopleLabel} form={form}>
                      <input id={people} name={people} type="number" inputmode="numeric" min={0} max={MAX_GOAL} step={1} value={form.value(people, String(goal?.people ?? ''))} {...form.describe(people)} />
                    </Field>
                    <Field id={households} label={a.householdsLabel} form={form}>
                      <input id={households} name={households} type="number" inputmode="numeric" min={0} max={MAX_GOAL} step={1} value={form.value(households, String(goal?.households ?? ''))} {...form.describe(households)} />
                    </Field>
                  </div>
                </fieldset>
              );
            })}
          </div>
          <button type="submit">{a.saveGoals}</button>
        </form>
      </section>
      <section class="panel" aria-labelledby="history-heading">
        <h2 id="history-heading">{a.goalHistory}</h2>
        {changes.length === 0 ? <p>{a.noGoalChanges}</p> : (
          <ol class="timeline goal-history">
            {changes.map((change) => (
              <li class="entry">
                <p class="entry-title"><strong>{scopeName(change.scope, caller.lang)}</strong>: {goalText(change.old)} → {goalText(change.new)}</p>
                <p class="muted"><time dateTime={change.changedAt}>{stockholmTime(change.changedAt)}</time> · {a.changedBy} {change.changedBy.name}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>,
  );
}

export const adminGoalPages = [
  page<object, { year?: number; saved?: number }>({
    method: 'GET',
    path: '/admin/goals',
    access: 'admin',
    query: z.object({ year: year.optional().catch(undefined), saved: z.coerce.number().int().min(0).max(GOAL_SCOPES.length).optional().catch(undefined) }),
    async handler({ query }, caller, deps) {
      return { kind: 'html', html: await goalsPage(deps, caller, query.year ?? currentStockholmYear(new Date()), query.saved) };
    },
  }),
  page<object, object, GoalsForm>({
    method: 'POST',
    path: '/admin/goals',
    access: 'admin',
    body: goalsForm,
    form: {
      messages(lang) {
        const a = adminWords(lang);
        const scope = (field: string) => scopeInline(scopeOfField(field) ?? REGION, lang);
        return {
          invalid: (field, issue) =>
            !scopeOfField(field)
              ? undefined
              : issue.message === HOUSEHOLDS_NEED_PEOPLE
                ? a.householdsNeedPeople(scope(field))
                : a.goalInvalid(scope(field), field.startsWith('people_') ? 'people' : 'households'),
          rejected: (field) => (scopeOfField(field) ? a.goalCannotBeRemoved(scope(field)) : undefined),
          otherwise: a.formStale,
          formHref: '#goals-heading',
        };
      },
      render(refusal, _params, caller, deps) {
        const typedYear = year.safeParse(refusal.values.year);
        return goalsPage(deps, caller, typedYear.success ? typedYear.data : currentStockholmYear(new Date()), undefined, refusal);
      },
    },
    async handler({ body }, caller, deps) {
      const existing = await listGoals(deps.db, body.year);
      const errors: FieldError[] = [];
      const wanted: Array<{ scope: GoalScope; people: number; households: number | null }> = [];
      for (const scope of GOAL_SCOPES) {
        const people = body[peopleField(scope)];
        const households = body[householdsField(scope)];
        if (people !== undefined) wanted.push({ scope, people, households: households ?? null });
        else if (existing.some((goal) => goal.scope === scope)) errors.push({ field: peopleField(scope), message: 'a goal that is set cannot be removed' });
      }
      // All or nothing: a form with a mistake changes no goal.
      if (errors.length > 0) throw rejected('Some goals are not valid', errors);
      let changed = 0;
      for (const goal of wanted) {
        const result = await setGoal(deps.db, { year: body.year, ...goal, changedById: signedIn(caller).id });
        if (result.change) changed += 1;
      }
      return { kind: 'redirect', location: `/admin/goals?year=${body.year}&saved=${changed}` };
    },
  }),
];
