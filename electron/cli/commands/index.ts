import type { Command } from '../command';
import { listCasesCommand } from './listCases';
import { printFormCommand } from './printForm';
import { printReceiptCommand } from './printReceipt';
import { seedDemoCommand } from './seedDemo';
import { enrollCommand } from './enroll';
import { syncCommand } from './sync';
import { backupCommand, diagnosticsCommand, restoreCommand } from './it';
import { verifyAuditCommand } from './verifyAudit';
import { verifyEvidenceCommand } from './verifyEvidence';
import { importScansCommand } from './importScans';
import { devicesCommand } from './devices';
import { enrollCardCommand } from './enrollCard';
import { userAddCommand, userListCommand } from './users';
import { purgeRetentionCommand } from './purgeRetention';
import { initCommand } from './init';
import { draftExampleCommand, lifeEventsCommand } from './lifeEvents';
import { createCaseCommand } from './createCase';
import { agenciesCommand, routeCommand } from './routing';

/** Every `npm run counter -- <command>`; add a command by adding its module here. */
export const COMMANDS: readonly Command[] = [initCommand, seedDemoCommand, listCasesCommand, lifeEventsCommand, agenciesCommand, routeCommand, draftExampleCommand, createCaseCommand, printFormCommand, printReceiptCommand, enrollCommand, syncCommand, backupCommand, restoreCommand, diagnosticsCommand, verifyAuditCommand, verifyEvidenceCommand, importScansCommand, enrollCardCommand, devicesCommand, userAddCommand, userListCommand, purgeRetentionCommand];
