import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PERIOD_RULES,
  PLATFORMS,
  SAVED_VIEW_PAGES,
  VIEW_COMPARE_MODES,
  type CreateSavedViewRequest,
  type PeriodRule,
  type Platform,
  type SavedView,
  type SavedViewFilters,
  type SavedViewListResponse,
  type SavedViewPage,
  type ViewCompareMode,
} from '@resonance/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsString, Matches, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class SavedViewFiltersDto implements SavedViewFilters {
  @ApiProperty({ enum: PERIOD_RULES, description: 'Resolved in the organisation time zone each time the view opens' })
  @IsIn(PERIOD_RULES, { message: `filters.period must be one of ${PERIOD_RULES.join(', ')}` })
  period: PeriodRule;

  @ApiPropertyOptional({ example: '2026-05-01', description: "With period 'custom' only" })
  @ValidateIf((f: SavedViewFiltersDto) => f.period === 'custom' || f.from !== undefined)
  @Matches(DATE, { message: "filters.from must be a date YYYY-MM-DD (required with period 'custom')" })
  from?: string;

  @ApiPropertyOptional({ example: '2026-05-31', description: "With period 'custom' only" })
  @ValidateIf((f: SavedViewFiltersDto) => f.period === 'custom' || f.to !== undefined)
  @Matches(DATE, { message: "filters.to must be a date YYYY-MM-DD (required with period 'custom')" })
  to?: string;

  @ApiProperty({ nullable: true, type: String, description: 'Campaign id; null = every campaign' })
  @ValidateIf((f: SavedViewFiltersDto) => f.campaignId !== null)
  @IsString({ message: 'filters.campaignId must be a campaign id or null' })
  @MaxLength(100)
  campaignId: string | null;

  @ApiProperty({ nullable: true, enum: PLATFORMS })
  @ValidateIf((f: SavedViewFiltersDto) => f.platform !== null)
  @IsIn(PLATFORMS, { message: `filters.platform must be one of ${PLATFORMS.join(', ')} or null` })
  platform: Platform | null;

  @ApiProperty({ nullable: true, type: String, description: 'Segment id (saved or preset); null = everyone' })
  @ValidateIf((f: SavedViewFiltersDto) => f.segmentId !== null)
  @IsString({ message: 'filters.segmentId must be a segment id or null' })
  @MaxLength(100)
  segmentId: string | null;

  @ApiProperty({ enum: VIEW_COMPARE_MODES })
  @IsIn(VIEW_COMPARE_MODES, { message: `filters.compare must be one of ${VIEW_COMPARE_MODES.join(', ')}` })
  compare: ViewCompareMode;
}

export class CreateSavedViewDto implements CreateSavedViewRequest {
  @ApiProperty({ example: 'Board report — last full month', maxLength: 120 })
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(120, { message: 'name must be at most 120 characters' })
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @ApiProperty({ enum: SAVED_VIEW_PAGES })
  @IsIn(SAVED_VIEW_PAGES, { message: `page must be one of ${SAVED_VIEW_PAGES.join(', ')}` })
  page: SavedViewPage;

  @ApiProperty({ type: SavedViewFiltersDto })
  @IsObject({ message: 'filters must be an object' })
  @ValidateNested()
  @Type(() => SavedViewFiltersDto)
  filters: SavedViewFiltersDto;
}

export class SavedViewDto implements SavedView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: SAVED_VIEW_PAGES }) page: SavedViewPage;
  @ApiProperty({ type: SavedViewFiltersDto }) filters: SavedViewFilters;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) createdBy: string | null;
}

export class SavedViewListDto implements SavedViewListResponse {
  @ApiProperty({ type: [SavedViewDto] }) items: SavedView[];
  @ApiProperty() total: number;
}
