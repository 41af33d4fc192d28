import { CreateOrganizations1764093600000 } from './1764093600000-create-organizations.js';
import { CreateAccounts1764180000000 } from './1764180000000-create-accounts.js';
import { CreateAuditEvents1764180000001 } from './1764180000001-create-audit-events.js';
import { CreateCampaignsAndEvents1764300000000 } from './1764300000000-create-campaigns-and-events.js';
import { CreateSegments1764500000000 } from './1764500000000-create-segments.js';
import { ReachDailyCampaignIndex1764500000001 } from './1764500000001-reach-daily-campaign-index.js';
import { CreateObservances1764600000000 } from './1764600000000-create-observances.js';
import { CreateReachCube1764700000000 } from './1764700000000-create-reach-cube.js';
import { ImportProgressAndKeyScope1764800000000 } from './1764800000000-import-progress-and-key-scope.js';
import { CreatePasswordResets1764800000100 } from './1764800000100-create-password-resets.js';
import { CreateSavedViewsAndShareLinks1764800000200 } from './1764800000200-create-saved-views-and-share-links.js';
import { CreateDigests1764800000300 } from './1764800000300-create-digests.js';
import { CreateReportedSpendAndImportRevisions1764900000300 } from './1764900000300-create-reported-spend-and-import-revisions.js';
import { CreateAnnotations1764900000400 } from './1764900000400-create-annotations.js';
import { CubeMarksVersionedPerRow1765000000100 } from './1765000000100-cube-marks-versioned-per-row.js';
import { DistributeOnCitus1765000000101 } from './1765000000101-distribute-on-citus.js';
import { EventBatchWriteFunctions1765000000150 } from './1765000000150-event-batch-write-functions.js';
import { CubeAudienceGrains1765000000220 } from './1765000000220-cube-audience-grains.js';
import { CubeHourGrain1765000000310 } from './1765000000310-cube-hour-grain.js';
import { CubeWeekCells1765000000320 } from './1765000000320-cube-week-cells.js';
import { EventsOnlyPerEventStore1765000000400 } from './1765000000400-events-only-per-event-store.js';
import { CubeCellsIndex1765000000500 } from './1765000000500-cube-cells-index.js';
import { PackedClosedDays1765000000600 } from './1765000000600-packed-closed-days.js';
import { DistributePackedEvents1765000000610 } from './1765000000610-distribute-packed-events.js';

/** Every migration, in order. A new migration is added here and never edited once landed. */
export const MIGRATIONS = [
  CreateOrganizations1764093600000,
  CreateAccounts1764180000000,
  CreateAuditEvents1764180000001,
  CreateCampaignsAndEvents1764300000000,
  CreateSegments1764500000000,
  ReachDailyCampaignIndex1764500000001,
  CreateObservances1764600000000,
  CreateReachCube1764700000000,
  ImportProgressAndKeyScope1764800000000,
  CreatePasswordResets1764800000100,
  CreateSavedViewsAndShareLinks1764800000200,
  CreateDigests1764800000300,
  CreateReportedSpendAndImportRevisions1764900000300,
  CreateAnnotations1764900000400,
  CubeMarksVersionedPerRow1765000000100,
  DistributeOnCitus1765000000101,
  EventBatchWriteFunctions1765000000150,
  CubeAudienceGrains1765000000220,
  CubeHourGrain1765000000310,
  CubeWeekCells1765000000320,
  EventsOnlyPerEventStore1765000000400,
  CubeCellsIndex1765000000500,
  PackedClosedDays1765000000600,
  DistributePackedEvents1765000000610,
];
