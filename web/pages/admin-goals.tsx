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
import { CsrfField, Flash, stockholmTime } from '../components.js';
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

const goalsForm = z.object({
  year,
  ...Object.fromEntries(GOAL_SCOPES.flatMap((scope) => [[peopleField(scope), goalCount], [householdsField(scope), goalCount]])),
}) as unknown as z.ZodType<{ year: number } & Record<string, number | undefined>>;
type GoalsForm = z.infer<typeof goalsForm>;

const scopeName = (scope: GoalScope, lang: WebCaller['lang']) => (scope === REGION ? adminWords(lang).wholeRegion : unitDisplayName(scope));

async function goalsPage(deps: WebDeps, caller: WebCaller, shownYear: number, saved: number | undefined) {
  const a = adminWords(caller.lang);
  const [goals, changes] = await Promise.all([listGoals(deps.db, shownYear), listGoalChanges(deps.db, shownYear)]);
  const thisYear = currentStockholmYear(new Date());
  const years = [...new Set([thisYear - 1, thisYear, thisYear + 1, thisYear + 2, shownYear])].filter((y) => y >= FIRST_REPORT_YEAR && y <= LAST_REPORT_YEAR).sort();
  const goalText = (value: { people: number; households: number | null } | null) => (value ? a.goalText(value.people, value.households) : a.noGoal);
  return renderPage(
    caller,
    `${a.goalsTitle} ${shownYear}`,
    <>
      <p class="eyebrow"><a href="/admin">{a.adminTitle}</a></p>
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
        <h2 id="goals-heading">{a.goalsFor(shownYear)}</h2>
        <form method="post" action="/admin/goals">
          <CsrfField caller={caller} />
          <input type="hidden" name="year" value={shownYear} />
          <div class="goal-grid">
            {GOAL_SCOPES.map((scope) => {
              const goal = goals.find((row) => row.scope === scope);
              return (
                <fieldset class="goal" id={`field-${peopleField(scope)}`}>
                  <legend>{scopeName(scope, caller.lang)}</legend>
                  <div class="goal-inputs">
                    <div class="field">
                      <label for={peopleField(scope)}>{a.peopleLabel}</label>
                      <input id={peopleField(scope)} name={peopleField(scope)} type="number" inputmode="numeric" min={0} max={MAX_GOAL} step={1} value={goal?.people ?? ''} />
                    </div>
                    <div class="field" id={`field-${householdsField(scope)}`}>
                      <label for={householdsField(scope)}>{a.householdsLabel}</label>
                      <input id={householdsField(scope)} name={householdsField(scope)} type="number" inputmode="numeric" min={0} max={MAX_GOAL} step={1} value={goal?.households ?? ''} />
                    </div>
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
    backTo: () => '/admin/goals',
    async handler({ body }, caller, deps) {
      const a = adminWords(caller.lang);
      const existing = await listGoals(deps.db, body.year);
      const errors: FieldError[] = [];
      const wanted: Array<{ scope: GoalScope; people: number; households: number | null }> = [];
      for (const scope of GOAL_SCOPES) {
        const people = body[peopleField(scope)];
        const households = body[householdsField(scope)];
        if (people !== undefined) wanted.push({ scope, people, households: households ?? null });
        else if (households !== undefined) errors.push({ field: peopleField(scope), message: a.householdsNeedPeople });
        else if (existing.some((goal) => goal.scope === scope)) errors.push({ field: peopleField(scope), message: a.goalCannotBeRemoved });
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
