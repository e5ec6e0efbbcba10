import { Controller, Get } from '@nestjs/common';
import { VendorStatusService, type VendorStatus } from './vendor-status.service.js';

/** Extension of the public contract: can the gateway reach each vendor with its configured credentials? */
@Controller('api/v1/vendors')
export class VendorsController {
  constructor(private readonly status: VendorStatusService) {}

  @Get()
  check(): Promise<{ feishu: VendorStatus; wecom: VendorStatus }> {
    return this.status.check();
  }
}
