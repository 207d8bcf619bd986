/**
 * Writes the three files the runtime derives from test/eval (it may not read test/):
 * `npm run build:regression`.
 * - knowledge/regression-questions.json, the knowledge questions the knowledge base's preview asks;
 * - knowledge/customer-questions.json, the same questions labelled with the entry that answers
 *   them, which the search's classifier learns from;
 * - api/assistant/action-questions.json, the messages in which the rules read an action, labelled
 *   with whether they ask about it or for it, which the intent classifier learns from.
 * test/kb-data.test.ts fails when any no longer matches test/eval.
 */
import { writeFileSync } from 'node:fs';
import { ACTION_QUESTIONS_PATH, actionQuestionsText, labelledActionQuestions } from './action-questions.js';
import {
  CUSTOMER_QUESTIONS_PATH,
  customerQuestionsText,
  labelledCustomerQuestions,
} from './customer-questions.js';
import {
  REGRESSION_QUESTIONS_PATH,
  regressionQuestions,
  regressionQuestionsText,
} from './regression-questions.js';

const questions = regressionQuestions();
writeFileSync(REGRESSION_QUESTIONS_PATH, regressionQuestionsText(questions));
console.log(`wrote ${REGRESSION_QUESTIONS_PATH} (${questions.length} questions)`);
const labelled = await labelledCustomerQuestions();
writeFileSync(CUSTOMER_QUESTIONS_PATH, customerQuestionsText(labelled));
console.log(`wrote ${CUSTOMER_QUESTIONS_PATH} (${labelled.length} labelled questions)`);
const actions = await labelledActionQuestions();
writeFileSync(ACTION_QUESTIONS_PATH, actionQuestionsText(actions));
console.log(`wrote ${ACTION_QUESTIONS_PATH} (${actions.length} messages)`);
