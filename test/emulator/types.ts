/**
 * Types shared by the Baidu iOCR emulator's modules. The emulator is a stand-in for
 * Baidu used by tests, the demo and benchmarks; it imports nothing from nodes/ or
 * credentials/ so that it stays an independent model of the real service.
 */

export type Edition = 'general' | 'finance';

export interface FixtureApp {
	appId: string | number;
	apiKey: string;
	secretKey: string;
	/** false: the app exists but has no iOCR permission ticked (error 6 on recognition) */
	iocr: boolean;
}

export interface FieldLocation {
	left: number;
	top: number;
	width: number;
	height: number;
}

export type FieldKind = 'text' | 'date' | 'amount' | 'code' | 'name';

export interface FixtureField {
	word_name: string;
	kind: FieldKind;
	location: FieldLocation;
}

export interface FixtureTemplate {
	templateSign: string;
	name: string;
	edition: Edition;
	appId: string | number;
	published: boolean;
	fields: FixtureField[];
}

export interface FixtureClassifier {
	classifierId: string | number;
	name: string;
	edition: Edition;
	appId: string | number;
	templates: string[];
}

export interface Probability {
	average: number;
	min: number;
	variance: number;
}

/** One recognised field as Baidu answers it (unknown keys pass through untouched). */
export interface RetEntry {
	word_name?: string;
	word: string;
	location?: FieldLocation;
	probability?: Probability;
	[extra: string]: unknown;
}

export interface RecordedReceipt {
	templateSign: string;
	ret: RetEntry[];
	[extra: string]: unknown;
}

export type LogIdStyle = 'string' | 'bignumber' | 'number';

export interface FixtureRecording {
	/** file name in test/samples/files/ */
	sample: string;
	/** emulator extension: the sample's sha256 given directly (inline fixtures in tests) */
	sha256?: string;
	templateSign: string | null;
	score?: number;
	isStructured: boolean;
	ret: RetEntry[];
	lines?: unknown[];
	receipts?: RecordedReceipt[];
	dataExtra?: Record<string, unknown>;
	logIdStyle?: LogIdStyle;
	structureFailsAfterClassify?: boolean;
}

/** The JSON file's shape (test/emulator/fixtures/baidu.json). */
export interface FixturesFile {
	apps: FixtureApp[];
	templates: FixtureTemplate[];
	classifiers: FixtureClassifier[];
	recordings: FixtureRecording[];
}

/** Fixtures as loaded: the file plus the sha256 of each sample file found on disk. */
export interface Fixtures extends FixturesFile {
	/** sample file name → sha256 (hex) of its bytes */
	sampleHashes?: Record<string, string>;
	/** recordings whose sample file was not found (they can never match) */
	missingSamples?: string[];
}

export interface EmulatorOptions {
	/** 0 = any free port (default 0) */
	port?: number;
	/** default '127.0.0.1' */
	host?: string;
	/** default: loaded from test/emulator/fixtures/baidu.json (+ sample files hashed from test/samples/files/) */
	fixtures?: Fixtures;
	/** default null = unlimited */
	qps?: number | null;
	dailyQuota?: number | null;
	/** applied to recognition answers */
	latency?: { ms: number; jitterMs?: number };
	/** applied to token answers */
	tokenLatencyMs?: number;
	/** default 3000 */
	urlFetchTimeoutMs?: number;
	/** log_id style for answers without their own; default 'bignumber' */
	logIdStyle?: LogIdStyle;
	quiet?: boolean;
}

export type FaultKind =
	| 'http500'
	| 'http502'
	| 'http503'
	| 'reset'
	| 'hang'
	| 'malformedJson'
	| 'htmlPage'
	| ApiErrorFault
	| JsonFault;

/**
 * This exact JSON text (HTTP 200 unless `status` says otherwise): valid JSON that is not an answer Baidu gives (`null`, `[]`,
 * an object with neither `error_code` nor `data`), as a proxy or a changed API might send.
 */
export interface JsonFault {
	json: string;
	/** HTTP status of the answer, default 200 */
	status?: number;
}

/** A Baidu error answer (HTTP 200 with error_code). */
export interface ApiErrorFault {
	errorCode: number;
	errorMsg?: string;
	/**
	 * Where the answer carries its log id: the top-level `log_id` (default, in the emulator's
	 * log id style), or only `data.logId` as a string, as some real error answers do.
	 */
	logIdAt?: 'log_id' | 'data.logId';
}

export interface FaultRule {
	kind: FaultKind;
	/** default 'recognise' (covers both editions) */
	endpoint?: 'recognise' | 'token';
	/** 1-based numbers of that endpoint's requests (counted since start/reset) that get the fault */
	requests?: number[];
	/** or an inclusive range of request numbers */
	from?: number;
	to?: number;
	/** or a probability per request (0..1), with a fixed seed for repeatability */
	probability?: number;
	seed?: number;
	/** apply at most this many times */
	times?: number;
	/**
	 * Hold the fault's answer until request number N of the same endpoint has arrived: a race
	 * made deterministic (the client gets this answer only after it sent request N).
	 */
	heldUntilRequest?: number;
}

export type LoggedEndpoint = 'token' | 'recognise' | 'finance';

export interface RequestLogEntry {
	seq: number;
	/** ms since emulator start */
	at: number;
	endpoint: LoggedEndpoint;
	method: string;
	/** the request's Content-Type and Accept headers, as sent */
	contentType?: string;
	accept?: string;
	/** form/query params, file fields replaced by a short summary (never the bytes) */
	params: Record<string, string>;
	fileField?: 'image' | 'pdf_file' | 'url';
	/** raw (still urlencoded) length of the file value in the body */
	encodedLength?: number;
	token?: string;
	/** 0 while unanswered, and for 'reset'/'hang' faults (no HTTP answer at all) */
	httpStatus: number;
	/** error_code answered (0 on success) */
	errorCode?: number;
	/**
	 * The digits of the log id the answer carried (top-level `log_id`, or `data.logId` when it
	 * had no top-level one), exactly as sent: the client must give back these digits.
	 */
	logId?: string;
	/** A success's `data.logId` (a second, shorter id next to the top-level one). */
	dataLogId?: string;
	fault?: string;
}

export interface Emulator {
	/** 'http://127.0.0.1:PORT' (the API base URL) */
	url: string;
	/** also destroys hanging sockets */
	close(): Promise<void>;
	setQps(qps: number | null): void;
	setDailyQuota(n: number | null): void;
	setLatency(ms: number, jitterMs?: number): void;
	addFault(rule: FaultRule): void;
	clearFaults(): void;
	/** every token issued so far answers 111 from now on */
	expireTokens(): void;
	/** every token issued so far answers 110 */
	revokeTokens(): void;
	/** successful token exchanges */
	readonly tokenExchanges: number;
	/** every token issued */
	readonly issuedTokens: string[];
	/** every request, token and recognition, in arrival order */
	readonly requests: RequestLogEntry[];
	recognitionRequests(): RequestLogEntry[];
	/** clears log, counters, faults, limits, tokens (apps/fixtures stay) */
	reset(): void;
}
