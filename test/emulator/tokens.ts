/**
 * The OAuth side of Baidu: client_credentials exchanges that hand out a fresh opaque
 * token every time, and the token states recognition checks (valid, expired, revoked).
 */
import { randomBytes } from 'crypto';

import type { FixtureApp } from './types';

export const TOKEN_LIFETIME_S = 2592000;

export type TokenState = 'valid' | 'expired' | 'revoked';

interface IssuedToken {
	app: FixtureApp;
	state: TokenState;
	issuedAt: number;
}

export type TokenLookup =
	| { status: 'missing' }
	| { status: 'unknown' }
	| { status: 'revoked' | 'expired'; app: FixtureApp }
	| { status: 'valid'; app: FixtureApp };

export interface ExchangeResult {
	httpStatus: number;
	body: Record<string, unknown>;
	token?: string;
}

export class TokenStore {
	private readonly tokens = new Map<string, IssuedToken>();
	private readonly order: string[] = [];
	private counter = 0;
	exchanges = 0;

	constructor(private readonly apps: FixtureApp[]) {}

	/** Handles one exchange's parameters (query or form, already merged). */
	exchange(params: Record<string, string>): ExchangeResult {
		if (params.grant_type !== 'client_credentials') {
			return {
				httpStatus: 400,
				body: { error: 'unsupported_grant_type', error_description: 'The authorization grant type is not supported' },
			};
		}
		const app = this.apps.find((candidate) => candidate.apiKey === params.client_id);
		if (!app) {
			return { httpStatus: 401, body: { error: 'invalid_client', error_description: 'unknown client id' } };
		}
		if (app.secretKey !== params.client_secret) {
			return {
				httpStatus: 401,
				body: { error: 'invalid_client', error_description: 'Client authentication failed' },
			};
		}
		const token = this.issue(app);
		this.exchanges++;
		const secs = Math.floor(Date.now() / 1000);
		return {
			httpStatus: 200,
			token,
			body: {
				refresh_token: `25.${randomBytes(16).toString('hex')}.315360000.${secs + 315360000}.${this.counter}-${app.appId}`,
				expires_in: TOKEN_LIFETIME_S,
				session_key: randomBytes(48).toString('base64').replace(/[+/=]/g, ''),
				access_token: token,
				scope: 'public brain_all_scope vis-ocr_iocr brain_ocr_iocr wise_adapt lebo_resource_base',
				session_secret: randomBytes(16).toString('hex'),
			},
		};
	}

	private issue(app: FixtureApp): string {
		this.counter++;
		const secs = Math.floor(Date.now() / 1000);
		const token = `24.${randomBytes(16).toString('hex')}.${TOKEN_LIFETIME_S}.${secs + TOKEN_LIFETIME_S}.${this.counter}-${app.appId}`;
		this.tokens.set(token, { app, state: 'valid', issuedAt: Date.now() });
		this.order.push(token);
		return token;
	}

	lookup(token: string | undefined): TokenLookup {
		if (token === undefined || token === '') return { status: 'missing' };
		const issued = this.tokens.get(token);
		if (!issued) return { status: 'unknown' };
		if (issued.state === 'valid' && Date.now() - issued.issuedAt > TOKEN_LIFETIME_S * 1000) {
			return { status: 'expired', app: issued.app };
		}
		return { status: issued.state, app: issued.app };
	}

	/** Every token issued so far answers 111 from now on (revoked ones stay revoked). */
	expireAll(): void {
		for (const issued of this.tokens.values()) if (issued.state === 'valid') issued.state = 'expired';
	}

	/** Every token issued so far answers 110. */
	revokeAll(): void {
		for (const issued of this.tokens.values()) issued.state = 'revoked';
	}

	get issued(): string[] {
		return [...this.order];
	}

	clear(): void {
		this.tokens.clear();
		this.order.length = 0;
		this.exchanges = 0;
	}
}
