import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BODY_FAILURES, failures, SESSION_FAILURES, SESSION_SECURITY } from '../http/openapi.js';
import { notFound } from '../errors.js';
import { createTaskBody, listTasksQuery, taskId, taskJson, taskPage, updateTaskBody } from '../tasks/schemas.js';
import { createTask, deleteTask, getTask, listTaskPage, updateTask } from '../tasks/service.js';

const params = z.strictObject({ id: taskId });

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
    (request) => listTaskPage(db(), request.user.id, request.query),
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
    async (request, reply) => reply.status(201).send(await createTask(db(), request.user.id, request.body)),
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
    async (request) => {
      const task = await getTask(db(), request.user.id, request.params.id);
      if (!task) throw notFound('Task');
      return task;
    },
  );

  app.patch(
    '/:id',
    {
      schema: {
        ...session,
        operationId: 'updateTask',
        summary: "Change a task's fields or its status; only the fields sent change",
        params,
        body: updateTaskBody,
        response: { 200: taskJson, ...failures(...BODY_FAILURES, 404) },
      },
    },
    async (request) => {
      const task = await updateTask(db(), request.user.id, request.params.id, request.body);
      if (!task) throw notFound('Task');
      return task;
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
        response: { 204: z.null().describe('Deleted'), ...failures(...SESSION_FAILURES, 404) },
      },
    },
    async (request, reply) => {
      if (!(await deleteTask(db(), request.user.id, request.params.id))) throw notFound('Task');
      return reply.status(204).send(null);
    },
  );
}
