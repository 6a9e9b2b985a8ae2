import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_SECURITY } from './openapi.js';
import { notFound } from '../errors.js';
import { createTaskBody, listTasksQuery, taskId, taskJson, taskPage, updateTaskBody } from '../tasks/schemas.js';
import { createTask, deleteTask, getTask, listTaskPage, updateTask } from '../tasks/service.js';

const params = z.strictObject({ id: taskId });

export default async function taskRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', app.requireUser);
  const db = () => app.database.db;

  app.get(
    '/',
    {
      schema: {
        tags: ['tasks'],
        security: SESSION_SECURITY,
        querystring: listTasksQuery,
        response: { 200: taskPage },
      },
    },
    (request) => listTaskPage(db(), request.user.id, request.query),
  );

  app.post(
    '/',
    { schema: { tags: ['tasks'], security: SESSION_SECURITY, body: createTaskBody, response: { 201: taskJson } } },
    async (request, reply) => reply.status(201).send(await createTask(db(), request.user.id, request.body)),
  );

  app.get(
    '/:id',
    { schema: { tags: ['tasks'], security: SESSION_SECURITY, params, response: { 200: taskJson } } },
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
        tags: ['tasks'],
        security: SESSION_SECURITY,
        params,
        body: updateTaskBody,
        response: { 200: taskJson },
      },
    },
    async (request) => {
      const task = await updateTask(db(), request.user.id, request.params.id, request.body);
      if (!task) throw notFound('Task');
      return task;
    },
  );

  app.delete('/:id', { schema: { tags: ['tasks'], security: SESSION_SECURITY, params } }, async (request, reply) => {
    if (!(await deleteTask(db(), request.user.id, request.params.id))) throw notFound('Task');
    return reply.status(204).send();
  });
}
