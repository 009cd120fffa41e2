import { Type } from '@sinclair/typebox';
import { limits, phonePattern } from './csv.js';

const nullable = (schema: ReturnType<typeof Type.String>) => Type.Union([schema, Type.Null()]);

/** The editable fields, as the API takes them. */
export const contactFields = {
  name: Type.String({ minLength: 1, maxLength: limits.name, pattern: '\\S' }),
  email: nullable(Type.String({ maxLength: limits.email, pattern: '^\\s*([^\\s@]+@[^\\s@]+\\.[^\\s@]+)?\\s*$' })),
  phone: nullable(Type.String({ maxLength: limits.phone, pattern: phonePattern })),
  company: nullable(Type.String({ maxLength: limits.company })),
  notes: Type.String({ maxLength: limits.notes }),
};

export const NewContact = Type.Object(
  {
    name: contactFields.name,
    email: Type.Optional(contactFields.email),
    phone: Type.Optional(contactFields.phone),
    company: Type.Optional(contactFields.company),
    notes: Type.Optional(contactFields.notes),
  },
  { additionalProperties: false },
);

export const ContactChange = Type.Partial(Type.Object(contactFields), {
  additionalProperties: false,
  minProperties: 1,
});

export const Contact = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  company: Type.Union([Type.String(), Type.Null()]),
  notes: Type.String(),
  deviceCount: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const DeviceSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  status: Type.String(),
  os: Type.String(),
  lastSeenAt: Type.String(),
});

/** When one of a contact's devices was connected. */
export const Connection = Type.Object({
  deviceId: Type.String(),
  deviceName: Type.String(),
  connectedAt: Type.String(),
  disconnectedAt: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
});

export const eventSchemas = {
  contact: Type.Object(
    {
      id: Type.String({ format: 'uuid' }),
      name: Type.String(),
      email: Type.Union([Type.String(), Type.Null()]),
      company: Type.Union([Type.String(), Type.Null()]),
    },
    { additionalProperties: false },
  ),
  deleted: Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String() }, { additionalProperties: false }),
  link: Type.Object(
    { contactId: Type.String({ format: 'uuid' }), deviceId: Type.String({ format: 'uuid' }) },
    { additionalProperties: false },
  ),
  imported: Type.Object({ accepted: Type.Integer(), rejected: Type.Integer() }, { additionalProperties: false }),
};
