import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BODY_FAILURES, failures, SESSION_FAILURES, SESSION_SECURITY } from '../http/openapi.js';
import { ApiError, notFound } from '../errors.js';
import { etagOf, parseIfMatch } from '../http/if-match.js';
import { sendJsonText } from '../http/json-text.js';
import {
  createTaskBody,
  listTasksQuery,
  taskId,
  taskJson,
  taskPage,
  updateTaskBody,
  type Task,
} from '../tasks/schemas.js';
import { createTaskText, deleteTask, getTask, taskPageText, updateTask } from '../tasks/service.js';

const params = z.strictObject({ id: taskId });
const ifMatch = z.looseObject({
  'if-match': z
    .string()
    .optional()
    .describe('the ETag of the task as last read ("3"): the change is refused with 412 if it changed since'),
});

/** The task's answer with its ETag; 404 when it is gone, 412 when If-Match named an older version. */
function settle(reply: FastifyReply, result: Task | 'stale' | undefined): Task {
  if (result === undefined) throw notFound('Task');
  if (result === 'stale') {
    throw new ApiError(412, 'PRECONDITION_FAILED', 'The task changed since you read it: read it again', 'if-match');
  }
  reply.header('etag', etagOf(result.version));
  return result;
}

export default async function taskRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', app.requireUser);
  const db = () => app.database.db;

  const session = { tags: ['tasks'], security: SESSION_SECURITY };

  // '' under the prefix: the path is /api/tasks, as the document says and the server accepts.
  app.get(
    '',
    {
      schema: {
        ...session,
        operationId: 'listTasks',
        summary: "A page of the user's tasks, filtered and sorted, with the total",
        querystring: listTasksQuery,
        response: { 200: taskPage, ...failures(...SESSION_FAILURES) },
      },
    },
    async (request, reply) => sendJsonText(reply, 200, await taskPageText(db(), request.user.id, request.query)),
  );

  app.post(
    '',
    {
      schema: {
        ...session,
        operationId: 'createTask',
        summary: 'Create a task',
        body: createTaskBody,
        response: { 201: taskJson, ...failures(...BODY_FAILURES) },
      },
    },
    async (request, reply) => {
      const task = await createTaskText(db(), request.user.id, request.body);
      return sendJsonText(reply.header('etag', etagOf(task.version)), 201, task.json);
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        ...session,
        operationId: 'getTask',
        summary: 'One task',
        params,
        response: { 200: taskJson, ...failures(...SESSION_FAILURES, 404) },
      },
    },
    async (request, reply) => settle(reply, await getTask(db(), request.user.id, request.params.id)),
  );

  app.patch(
    '/:id',
    {
      schema: {
        ...session,
        operationId: 'updateTask',
        summary: "Change a task's fields or its status; only the fields sent change",
        params,
        headers: ifMatch,
        body: updateTaskBody,
        response: { 200: taskJson, ...failures(...BODY_FAILURES, 404, 412) },
      },
    },
    async (request, reply) => {
      const precondition = parseIfMatch(request.headers['if-match']);
      return settle(reply, await updateTask(db(), request.user.id, request.params.id, request.body, precondition));
    },
  );

  app.delete(
    '/:id',
    {
      schema: {
        ...session,
        operationId: 'deleteTask',
        summary: 'Delete a task',
        params,
        headers: ifMatch,
        response: { 204: z.null().describe('Deleted'), ...failures(...SESSION_FAILURES, 404, 412) },
      },
    },
    async (request, reply) => {
      const precondition = parseIfMatch(request.headers['if-match']);
      settle(reply, await deleteTask(db(), request.user.id, request.params.id, precondition));
      return reply.status(204).removeHeader('etag').send(null);
    },
  );
}
