import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { VENDORS } from '@app/kernel';
import { MappingStore } from '@app/mapping-store';
import { AppConfig } from '../config/app-config.js';
import { HealthCheckResultDto, HealthReportDto } from '../openapi/api-responses.js';
import { VendorHealthIndicator } from './vendor-health.indicator.js';

const DATABASE_TIMEOUT_MS = 3_000;

@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly store: MappingStore,
  ) {}

  async check(key: 'database') {
    const indicator = this.indicators.check(key);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.store.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${DATABASE_TIMEOUT_MS} ms`)),
            DATABASE_TIMEOUT_MS,
          );
        }),
      ]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Liveness and readiness in one: 200 when the database answers, 503 otherwise. With HEALTH_CHECK_VENDORS=true
 * each configured vendor must answer too (see VendorHealthIndicator); without it vendors are not probed. No auth.
 */
@ApiTags('health')
@ApiExtraModels(HealthCheckResultDto)
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly vendors: VendorHealthIndicator,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({
    summary: 'Health of the gateway (no auth)',
    description:
      'The database, and with HEALTH_CHECK_VENDORS=true each configured vendor (a token and one cheap read, ' +
      'probed at most once a minute).',
  })
  @ApiResponse({ status: 200, description: 'Every check is up.', type: HealthReportDto })
  @ApiResponse({ status: 503, description: 'A check is down; `error` says which and why.', type: HealthReportDto })
  check() {
    const vendorChecks = this.config.health.checkVendors
      ? VENDORS.map((vendor) => () => this.vendors.check(vendor))
      : [];
    return this.health.check([() => this.database.check('database'), ...vendorChecks]);
  }
}
