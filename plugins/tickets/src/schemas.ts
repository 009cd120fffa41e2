import { Type } from '@sinclair/typebox';
import { priorities, sources, statuses } from './service.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const nullableId = Type.Union([Type.String({ format: 'uuid' }), Type.Null()]);

export const Priority = literals(priorities);
export const Status = literals(statuses);
export const Source = literals(sources);
export const Subject = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
export const Body = Type.String({ minLength: 1, maxLength: 20_000, pattern: '\\S' });
export const Description = Type.String({ maxLength: 20_000 });

export const Ticket = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  subject: Type.String(),
  description: Type.String(),
  priority: Priority,
  status: Status,
  source: Source,
  assignee: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  contact: Type.Union([
    Type.Object({ id: Type.String(), name: Type.String(), email: Type.Union([Type.String(), Type.Null()]) }),
    Type.Null(),
  ]),
  device: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  requesterEmail: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

/** Tickets still to be dealt with (open, in progress, waiting), by priority: the home page's figures. */
export const OpenCounts = Type.Object({
  open: Type.Integer(),
  byPriority: Type.Object({
    low: Type.Integer(),
    medium: Type.Integer(),
    high: Type.Integer(),
    urgent: Type.Integer(),
  }),
});

export const Message = Type.Object({
  id: Type.String(),
  kind: literals(['reply', 'note', 'customer'] as const),
  author: Type.String(),
  body: Type.String(),
  createdAt: Type.String(),
});
export const HistoryEntry = Type.Object({
  actor: Type.String(),
  field: Type.String(),
  from: Type.Union([Type.String(), Type.Null()]),
  to: Type.Union([Type.String(), Type.Null()]),
  at: Type.String(),
});

export const NewTicket = Type.Object(
  {
    subject: Subject,
    description: Type.Optional(Description),
    priority: Type.Optional(Priority),
    assigneeId: Type.Optional(nullableId),
    contactId: Type.Optional(nullableId),
    deviceId: Type.Optional(nullableId),
  },
  { additionalProperties: false },
);

export const TicketChange = Type.Object(
  {
    subject: Type.Optional(Subject),
    priority: Type.Optional(Priority),
    status: Type.Optional(Status),
    assigneeId: Type.Optional(nullableId),
    contactId: Type.Optional(nullableId),
    deviceId: Type.Optional(nullableId),
  },
  { additionalProperties: false, minProperties: 1 },
);

const ticketEventFields = {
  id: Type.String({ format: 'uuid' }),
  number: Type.Integer({ minimum: 1 }),
  subject: Type.String(),
  priority: Priority,
  status: Status,
  source: Source,
  assigneeId: Type.Union([Type.String(), Type.Null()]),
  contactId: Type.Union([Type.String(), Type.Null()]),
  deviceId: Type.Union([Type.String(), Type.Null()]),
};

export const eventSchemas = {
  created: Type.Object(ticketEventFields, { additionalProperties: false }),
  updated: Type.Object(
    {
      ...ticketEventFields,
      changes: Type.Array(
        Type.Object(
          {
            field: Type.String(),
            from: Type.Union([Type.String(), Type.Null()]),
            to: Type.Union([Type.String(), Type.Null()]),
          },
          { additionalProperties: false },
        ),
      ),
    },
    { additionalProperties: false },
  ),
  replied: Type.Object(
    {
      id: Type.String({ format: 'uuid' }),
      number: Type.Integer(),
      subject: Type.String(),
      messageId: Type.String({ format: 'uuid' }),
      author: Type.String(),
      from: literals(['team', 'customer'] as const),
    },
    { additionalProperties: false },
  ),
  noted: Type.Object(
    { id: Type.String({ format: 'uuid' }), number: Type.Integer(), author: Type.String() },
    { additionalProperties: false },
  ),
};
