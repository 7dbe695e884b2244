import { ImportFileError, parseQuestionnaireCsv, parseQuestionnaireJson } from '@ozg/db/importers';
import { textProblem } from '@ozg/shared';
import { requireActor } from '../../lib/auth';
import { bodyBytes, uploadedText } from '../../lib/csv';
import { AppError } from '../../lib/errors';
import { createRouter } from '../../lib/router';
import {
  getCheckResult,
  getQuestionnaire,
  listQuestionnaires,
  loadQuestionnaire,
  saveCheckDraft,
  submitCheck,
} from '../../services/check';
import { listQuickWins } from '../../services/quick-wins';
import {
  getRecommendation,
  getRecommendationRules,
  saveRecommendationRules,
} from '../../services/recommendation';
import {
  getCheckRoute,
  getQuestionnaireRoute,
  getRulesRoute,
  listQuestionnairesRoute,
  quickWinsRoute,
  recommendationRoute,
  saveDraftRoute,
  saveRulesRoute,
  submitCheckRoute,
  uploadQuestionnaireRoute,
} from './check.routes';

export const checkRouter = createRouter()
  .openapi(listQuestionnairesRoute, async (c) => {
    return c.json(await listQuestionnaires({ db: c.get('database').db }), 200);
  })
  .openapi(getQuestionnaireRoute, async (c) => {
    const { version } = c.req.valid('query');
    return c.json(
      await getQuestionnaire({ db: c.get('database').db, ...(version === undefined ? {} : { version }) }),
      200,
    );
  })
  .openapi(uploadQuestionnaireRoute, async (c) => {
    const actor = requireActor(c);
    const query = c.req.valid('query');
    const type = (c.req.header('content-type') ?? '').split(';', 1)[0]?.trim().toLowerCase();
    const text = uploadedText(await bodyBytes(c.req.raw), 'Der Fragebogen');
    const fileName = query.fileName || (type === 'application/json' ? 'fragebogen.json' : 'fragebogen.csv');
    const problem = textProblem(text);
    if (problem) throw new AppError('validation_failed', `${fileName}: ${problem}`);
    if (!text.trim()) throw new AppError('validation_failed', `${fileName} ist leer.`);
    // JSON by its Content-Type, its name or its first character; everything else is read as CSV.
    const json = type === 'application/json' || /\.json$/i.test(fileName) || text.trimStart().startsWith('{');
    try {
      const definition = json
        ? parseQuestionnaireJson(text, fileName)
        : parseQuestionnaireCsv(text, fileName, query.title?.trim() || 'Digitalisierungs-Check');
      const { db } = c.get('database');
      return c.json(await loadQuestionnaire({ db, actor, definition, source: json ? 'json' : 'csv' }), 201);
    } catch (error) {
      if (error instanceof ImportFileError)
        throw new AppError('unprocessable', `Der Fragebogen wurde nicht übernommen: ${error.message}`, {
          file: error.file,
          line: error.line,
          column: error.column ?? null,
          problem: error.problem,
        });
      throw error;
    }
  })
  .openapi(getCheckRoute, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('database');
    return c.json(await getCheckResult({ db, actor, ags: c.req.valid('param').key }), 200);
  })
  .openapi(saveDraftRoute, async (c) => {
    const actor = requireActor(c);
    const draft = await saveCheckDraft({
      db: c.get('database').db,
      actor,
      ags: c.req.valid('param').key,
      draft: c.req.valid('json'),
    });
    return c.json(draft, 200);
  })
  .openapi(submitCheckRoute, async (c) => {
    const actor = requireActor(c);
    const submission = await submitCheck({
      db: c.get('database').db,
      actor,
      ags: c.req.valid('param').key,
      submission: c.req.valid('json'),
    });
    return c.json(submission, 201);
  })
  .openapi(recommendationRoute, async (c) => {
    return c.json(await getRecommendation({ db: c.get('database').db, ags: c.req.valid('param').key }), 200);
  })
  .openapi(getRulesRoute, async (c) => {
    return c.json(await getRecommendationRules({ db: c.get('database').db }), 200);
  })
  .openapi(saveRulesRoute, async (c) => {
    const { version, rules } = c.req.valid('json');
    return c.json(
      await saveRecommendationRules({ db: c.get('database').db, actor: requireActor(c), version, rules }),
      200,
    );
  })
  .openapi(quickWinsRoute, async (c) => {
    return c.json(
      await listQuickWins({
        db: c.get('database').db,
        actor: requireActor(c),
        ags: c.req.valid('param').key,
      }),
      200,
    );
  });
