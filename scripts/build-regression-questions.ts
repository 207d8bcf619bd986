/**
 * Writes knowledge/regression-questions.json, the knowledge questions of test/eval that the
 * knowledge base's preview asks (the runtime may not read test/): `npm run build:regression`.
 * test/kb-regression-questions.test.ts fails when the file no longer matches test/eval.
 */
import { writeFileSync } from 'node:fs';
import {
  REGRESSION_QUESTIONS_PATH,
  regressionQuestions,
  regressionQuestionsText,
} from './regression-questions.js';

const questions = regressionQuestions();
writeFileSync(REGRESSION_QUESTIONS_PATH, regressionQuestionsText(questions));
console.log(`wrote ${REGRESSION_QUESTIONS_PATH} (${questions.length} questions)`);
