import type { Migration } from '../src/plugins/types.js';
import { coreInit } from './202611221800_core_init.js';
import { coreIdentity } from './202611230900_core_identity.js';
import { coreTenancy } from './202611231200_core_tenancy.js';
import { coreAccountTour } from './202611231800_core_account_tour.js';
import { coreEmbeds } from './202611281500_core_embeds.js';
import { coreApiKeyOrigins } from './202611290000_core_api_key_origins.js';
import { coreJobKeys } from './202611290300_core_job_keys.js';
import { coreTenantsPermission } from './202611291200_core_tenants_permission.js';
import { coreQuotaOverages } from './202611291300_core_quota_overages.js';
import { coreUserPreferences } from './202611291400_core_user_preferences.js';
import { coreAccountTheme } from './202611291700_core_account_theme.js';
import { coreTenantAccent } from './202611291710_core_tenant_accent.js';

export const coreMigrations: Migration[] = [
  coreInit,
  coreIdentity,
  coreTenancy,
  coreAccountTour,
  coreEmbeds,
  coreApiKeyOrigins,
  coreJobKeys,
  coreTenantsPermission,
  coreQuotaOverages,
  coreUserPreferences,
  coreAccountTheme,
  coreTenantAccent,
];
