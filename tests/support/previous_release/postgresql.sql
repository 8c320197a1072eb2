--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: pg_trgm; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: client; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.client (
    id integer NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    created_by integer,
    updated_by integer,
    owner integer,
    version integer DEFAULT 1 NOT NULL,
    deleted_at timestamp with time zone,
    name text,
    kt_fold_fld_client_name text,
    email text,
    kt_fold_fld_client_email text,
    phone text,
    kt_fold_fld_client_phone text,
    city text,
    kt_fold_fld_client_city text,
    status text
);


--
-- Name: client_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.client_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: client_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.client_id_seq OWNED BY public.client.id;


--
-- Name: deal; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.deal (
    id integer NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    created_by integer,
    updated_by integer,
    owner integer,
    version integer DEFAULT 1 NOT NULL,
    deleted_at timestamp with time zone,
    title text,
    kt_fold_fld_deal_title text,
    amount numeric,
    stage text,
    client integer,
    close_date date
);


--
-- Name: deal_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.deal_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: deal_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.deal_id_seq OWNED BY public.deal.id;


--
-- Name: kt_attachment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kt_attachment (
    id integer NOT NULL,
    entity_id text,
    record_id integer,
    field_id text,
    sha256 text NOT NULL,
    name text NOT NULL,
    content_type text NOT NULL,
    size bigint NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by integer
);


--
-- Name: kt_attachment_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.kt_attachment_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: kt_attachment_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.kt_attachment_id_seq OWNED BY public.kt_attachment.id;


--
-- Name: kt_change; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kt_change (
    id integer NOT NULL,
    at timestamp with time zone NOT NULL,
    user_id integer,
    entity_id text NOT NULL,
    record_id integer NOT NULL,
    kind text NOT NULL,
    field_id text,
    old text,
    new text
);


--
-- Name: kt_change_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.kt_change_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: kt_change_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.kt_change_id_seq OWNED BY public.kt_change.id;


--
-- Name: kt_index_job; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kt_index_job (
    id integer NOT NULL,
    table_name text NOT NULL,
    index_name text NOT NULL,
    columns text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    error text
);


--
-- Name: kt_index_job_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.kt_index_job_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: kt_index_job_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.kt_index_job_id_seq OWNED BY public.kt_index_job.id;


--
-- Name: kt_job; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kt_job (
    id integer NOT NULL,
    kind text NOT NULL,
    rule text NOT NULL,
    entity text NOT NULL,
    record_id integer NOT NULL,
    event text NOT NULL,
    payload text NOT NULL,
    state text NOT NULL,
    attempts integer NOT NULL,
    depth integer NOT NULL,
    error text,
    lease text,
    leased_until timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    run_at timestamp with time zone NOT NULL,
    finished_at timestamp with time zone,
    dedupe text
);


--
-- Name: kt_job_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.kt_job_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: kt_job_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.kt_job_id_seq OWNED BY public.kt_job.id;


--
-- Name: kt_login_failure; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kt_login_failure (
    account text NOT NULL,
    failures integer NOT NULL,
    last_failure_at timestamp with time zone NOT NULL,
    locked_until timestamp with time zone
);


--
-- Name: kt_schema_trash; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kt_schema_trash (
    id integer NOT NULL,
    kind text NOT NULL,
    entity_id text NOT NULL,
    field_id text,
    entity_name text NOT NULL,
    field_name text,
    physical text,
    definition text NOT NULL,
    payload text,
    count integer DEFAULT 0 NOT NULL,
    version integer NOT NULL,
    author text NOT NULL,
    at timestamp with time zone NOT NULL
);


--
-- Name: kt_schema_trash_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.kt_schema_trash_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: kt_schema_trash_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.kt_schema_trash_id_seq OWNED BY public.kt_schema_trash.id;


--
-- Name: kt_schema_version; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kt_schema_version (
    version integer NOT NULL,
    author text NOT NULL,
    at timestamp with time zone NOT NULL,
    summary text NOT NULL,
    document text NOT NULL
);


--
-- Name: kt_secret; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kt_secret (
    name text NOT NULL,
    value text NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: kt_session; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kt_session (
    id integer NOT NULL,
    key_hash text NOT NULL,
    user_id integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL
);


--
-- Name: kt_session_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.kt_session_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: kt_session_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.kt_session_id_seq OWNED BY public.kt_session.id;


--
-- Name: kt_token; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kt_token (
    id integer NOT NULL,
    token_hash text NOT NULL,
    user_id integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL
);


--
-- Name: kt_token_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.kt_token_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: kt_token_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.kt_token_id_seq OWNED BY public.kt_token.id;


--
-- Name: kt_user; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kt_user (
    id integer NOT NULL,
    email text NOT NULL,
    name text DEFAULT ''::text NOT NULL,
    password_hash text,
    is_admin boolean DEFAULT false NOT NULL,
    active boolean DEFAULT true NOT NULL,
    time_zone text DEFAULT 'UTC'::text NOT NULL,
    language text DEFAULT 'en'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: kt_user_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.kt_user_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: kt_user_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.kt_user_id_seq OWNED BY public.kt_user.id;


--
-- Name: kt_view; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kt_view (
    id integer NOT NULL,
    user_id integer NOT NULL,
    entity text NOT NULL,
    name text NOT NULL,
    spec text NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: kt_view_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.kt_view_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: kt_view_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.kt_view_id_seq OWNED BY public.kt_view.id;


--
-- Name: task; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.task (
    id integer NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    created_by integer,
    updated_by integer,
    owner integer,
    version integer DEFAULT 1 NOT NULL,
    deleted_at timestamp with time zone,
    title text,
    kt_fold_fld_task_title text,
    due timestamp with time zone,
    done boolean,
    assignee integer,
    client integer,
    deal integer
);


--
-- Name: task_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.task_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: task_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.task_id_seq OWNED BY public.task.id;


--
-- Name: client id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.client ALTER COLUMN id SET DEFAULT nextval('public.client_id_seq'::regclass);


--
-- Name: deal id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.deal ALTER COLUMN id SET DEFAULT nextval('public.deal_id_seq'::regclass);


--
-- Name: kt_attachment id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_attachment ALTER COLUMN id SET DEFAULT nextval('public.kt_attachment_id_seq'::regclass);


--
-- Name: kt_change id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_change ALTER COLUMN id SET DEFAULT nextval('public.kt_change_id_seq'::regclass);


--
-- Name: kt_index_job id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_index_job ALTER COLUMN id SET DEFAULT nextval('public.kt_index_job_id_seq'::regclass);


--
-- Name: kt_job id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_job ALTER COLUMN id SET DEFAULT nextval('public.kt_job_id_seq'::regclass);


--
-- Name: kt_schema_trash id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_schema_trash ALTER COLUMN id SET DEFAULT nextval('public.kt_schema_trash_id_seq'::regclass);


--
-- Name: kt_session id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_session ALTER COLUMN id SET DEFAULT nextval('public.kt_session_id_seq'::regclass);


--
-- Name: kt_token id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_token ALTER COLUMN id SET DEFAULT nextval('public.kt_token_id_seq'::regclass);


--
-- Name: kt_user id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_user ALTER COLUMN id SET DEFAULT nextval('public.kt_user_id_seq'::regclass);


--
-- Name: kt_view id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_view ALTER COLUMN id SET DEFAULT nextval('public.kt_view_id_seq'::regclass);


--
-- Name: task id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task ALTER COLUMN id SET DEFAULT nextval('public.task_id_seq'::regclass);


--
-- Data for Name: client; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.client VALUES (1, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'PT Cahaya Nusantara', 'pt cahaya nusantara', 'marketing@cahayanusantara.co.id', 'marketing@cahayanusantara.co.id', '+62 855-1112-1618', '+62 855-1112-1618', 'Surabaya', 'surabaya', 'active');
INSERT INTO public.client VALUES (2, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Cristian Popa', 'cristian popa', 'cristian.popa@gmail.com', 'cristian.popa@gmail.com', '+40 714 878 751', '+40 714 878 751', 'Brașov', 'brasov', 'lead');
INSERT INTO public.client VALUES (3, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, '杭州金桥实业有限公司', '杭州金桥实业有限公司', 'info@jinqiao.com.cn', 'info@jinqiao.com.cn', '+86 152 5475 5849', '+86 152 5475 5849', '杭州', '杭州', 'lead');
INSERT INTO public.client VALUES (4, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'АО «Меридиан»', 'ао «меридиан»', 'sales@meridian.ru', 'sales@meridian.ru', '+7 812 601-78-79', '+7 812 601-78-79', 'Самара', 'самара', 'active');
INSERT INTO public.client VALUES (5, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'ООО «Вектор»', 'ооо «вектор»', 'office@vektor.ru', 'office@vektor.ru', '+7 495 163-86-40', '+7 495 163-86-40', 'Москва', 'москва', 'vip');
INSERT INTO public.client VALUES (6, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Maramureș Wood SA', 'maramures wood sa', 'vanzari@maramureswood.ro', 'vanzari@maramureswood.ro', '+40 763 978 362', '+40 763 978 362', 'Brașov', 'brasov', 'active');
INSERT INTO public.client VALUES (7, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'SC Danubius Impex SRL', 'sc danubius impex srl', 'vanzari@danubius.ro', 'vanzari@danubius.ro', '+40 721 735 089', '+40 721 735 089', 'Cluj-Napoca', 'cluj-napoca', 'lead');
INSERT INTO public.client VALUES (8, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Brightstone Retail Ltd', 'brightstone retail ltd', 'info@brightstone.co.uk', 'info@brightstone.co.uk', '+44 7259 364010', '+44 7259 364010', 'Bristol', 'bristol', 'lost');
INSERT INTO public.client VALUES (9, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Summit Tools Ltd', 'summit tools ltd', 'accounts@summittools.co.uk', 'accounts@summittools.co.uk', '+44 161 984 7220', '+44 161 984 7220', 'Edinburgh', 'edinburgh', 'lead');
INSERT INTO public.client VALUES (10, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Татьяна Козлова', 'татьяна козлова', 'tatyana.kozlova@yandex.ru', 'tatyana.kozlova@yandex.ru', '+7 812 829-93-66', '+7 812 829-93-66', 'Самара', 'самара', 'lost');
INSERT INTO public.client VALUES (11, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'PT Tunas Baru', 'pt tunas baru', 'info@tunasbaru.co.id', 'info@tunasbaru.co.id', '+62 812-2742-4455', '+62 812-2742-4455', 'Jakarta', 'jakarta', 'active');
INSERT INTO public.client VALUES (12, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'ООО «Ромашка»', 'ооо «ромашка»', 'sales@romashka.ru', 'sales@romashka.ru', '+7 812 209-41-61', '+7 812 209-41-61', 'Москва', 'москва', 'active');
INSERT INTO public.client VALUES (13, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, '上海天成机械有限公司', '上海天成机械有限公司', 'info@tiancheng.com.cn', 'info@tiancheng.com.cn', '+86 153 0790 5638', '+86 153 0790 5638', '上海', '上海', 'active');
INSERT INTO public.client VALUES (14, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Kingsway Office Ltd', 'kingsway office ltd', 'info@kingswayoffice.co.uk', 'info@kingswayoffice.co.uk', '+44 20 1534 4236', '+44 20 1534 4236', 'Birmingham', 'birmingham', 'lead');
INSERT INTO public.client VALUES (15, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, '杭州明辉照明有限公司', '杭州明辉照明有限公司', 'sales@minghui.com.cn', 'sales@minghui.com.cn', '+86 139 4670 3280', '+86 139 4670 3280', '杭州', '杭州', 'lost');
INSERT INTO public.client VALUES (16, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, '王敏', '王敏', 'wangmin@126.com', 'wangmin@126.com', '+86 138 7508 6151', '+86 138 7508 6151', '深圳', '深圳', 'lead');
INSERT INTO public.client VALUES (17, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Argeș Prod SA', 'arges prod sa', 'vanzari@argesprod.ro', 'vanzari@argesprod.ro', '+40 264 499 947', '+40 264 499 947', 'Constanța', 'constanta', 'active');
INSERT INTO public.client VALUES (18, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Ana Dumitru', 'ana dumitru', 'ana.dumitru@yahoo.com', 'ana.dumitru@yahoo.com', '+40 704 464 096', '+40 704 464 096', 'Timișoara', 'timisoara', 'active');
INSERT INTO public.client VALUES (19, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'ООО «Агроинвест»', 'ооо «агроинвест»', 'zakaz@agroinvest.ru', 'zakaz@agroinvest.ru', '+7 495 525-93-83', '+7 495 525-93-83', 'Екатеринбург', 'екатеринбург', 'active');
INSERT INTO public.client VALUES (20, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, '上海鼎盛贸易有限公司', '上海鼎盛贸易有限公司', 'info@dingsheng.com.cn', 'info@dingsheng.com.cn', '+86 153 9299 4554', '+86 153 9299 4554', '上海', '上海', 'active');
INSERT INTO public.client VALUES (21, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, '北京明辉照明有限公司', '北京明辉照明有限公司', 'service@minghui.com.cn', 'service@minghui.com.cn', '+86 158 0267 7282', '+86 158 0267 7282', '北京', '北京', 'lost');
INSERT INTO public.client VALUES (22, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Emily Smith', 'emily smith', 'emily.smith@outlook.com', 'emily.smith@outlook.com', '+44 7912 443094', '+44 7912 443094', 'London', 'london', 'lead');
INSERT INTO public.client VALUES (23, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'PT Berkah Abadi', 'pt berkah abadi', 'info@berkahabadi.co.id', 'info@berkahabadi.co.id', '+62 818-2642-9926', '+62 818-2642-9926', 'Jakarta', 'jakarta', 'lead');
INSERT INTO public.client VALUES (24, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'PT Maju Jaya', 'pt maju jaya', 'admin@majujaya.co.id', 'admin@majujaya.co.id', '+62 852-1351-6082', '+62 852-1351-6082', 'Semarang', 'semarang', 'lost');
INSERT INTO public.client VALUES (25, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'АО «Техностарт»', 'ао «техностарт»', 'zakaz@tekhnostart.ru', 'zakaz@tekhnostart.ru', '+7 812 201-09-23', '+7 812 201-09-23', 'Казань', 'казань', 'vip');
INSERT INTO public.client VALUES (26, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Northwind Traders plc', 'northwind traders plc', 'hello@northwindtraders.co.uk', 'hello@northwindtraders.co.uk', '+44 20 7604 6839', '+44 20 7604 6839', 'London', 'london', 'active');
INSERT INTO public.client VALUES (27, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Blue Harbour Foods Ltd', 'blue harbour foods ltd', 'hello@blueharbourfoods.co.uk', 'hello@blueharbourfoods.co.uk', '+44 7392 370987', '+44 7392 370987', 'Manchester', 'manchester', 'active');
INSERT INTO public.client VALUES (28, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Oakridge Electronics Ltd', 'oakridge electronics ltd', 'info@oakridge-electronics.co.uk', 'info@oakridge-electronics.co.uk', '+44 7353 567889', '+44 7353 567889', 'Manchester', 'manchester', 'active');
INSERT INTO public.client VALUES (29, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Miorița SRL', 'miorita srl', 'vanzari@miorita.ro', 'vanzari@miorita.ro', '+40 765 866 580', '+40 765 866 580', 'Constanța', 'constanta', 'active');
INSERT INTO public.client VALUES (30, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Dewi Saputra', 'dewi saputra', 'dewi.saputra@yahoo.co.id', 'dewi.saputra@yahoo.co.id', '+62 21 4022-9122', '+62 21 4022-9122', 'Surabaya', 'surabaya', 'lost');
INSERT INTO public.client VALUES (31, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Ioana Stan', 'ioana stan', 'ioana.stan@yahoo.com', 'ioana.stan@yahoo.com', '+40 264 106 206', '+40 264 106 206', 'Constanța', 'constanta', 'active');
INSERT INTO public.client VALUES (32, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Redwood Packaging Ltd', 'redwood packaging ltd', 'sales@redwoodpackaging.co.uk', 'sales@redwoodpackaging.co.uk', '+44 7602 876935', '+44 7602 876935', 'Leeds', 'leeds', 'lead');
INSERT INTO public.client VALUES (33, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, '杭州鼎盛贸易股份有限公司', '杭州鼎盛贸易股份有限公司', 'service@dingsheng.com.cn', 'service@dingsheng.com.cn', '+86 131 1770 1850', '+86 131 1770 1850', '杭州', '杭州', 'active');
INSERT INTO public.client VALUES (34, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'PT Prima Niaga', 'pt prima niaga', 'sales@primaniaga.co.id', 'sales@primaniaga.co.id', '+62 21 4298-8950', '+62 21 4298-8950', 'Surabaya', 'surabaya', 'active');
INSERT INTO public.client VALUES (35, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Putri Hidayat', 'putri hidayat', 'putri.hidayat@yahoo.co.id', 'putri.hidayat@yahoo.co.id', '+62 811-3627-5601', '+62 811-3627-5601', 'Semarang', 'semarang', 'active');
INSERT INTO public.client VALUES (36, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Danubius Impex SA', 'danubius impex sa', 'office@danubius.ro', 'office@danubius.ro', '+40 760 712 307', '+40 760 712 307', 'București', 'bucuresti', 'lead');
INSERT INTO public.client VALUES (37, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Ion Matei', 'ion matei', 'ion.matei@gmail.com', 'ion.matei@gmail.com', '+40 21 919 1734', '+40 21 919 1734', 'Constanța', 'constanta', 'lead');
INSERT INTO public.client VALUES (38, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Dewi Hidayat', 'dewi hidayat', 'dewi.hidayat@gmail.com', 'dewi.hidayat@gmail.com', '+62 817-6714-1223', '+62 817-6714-1223', 'Makassar', 'makassar', 'lead');
INSERT INTO public.client VALUES (39, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Oakridge Electronics plc', 'oakridge electronics plc', 'hello@oakridge-electronics.co.uk', 'hello@oakridge-electronics.co.uk', '+44 161 174 8748', '+44 161 174 8748', 'London', 'london', 'lead');
INSERT INTO public.client VALUES (40, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'ООО «Волга-Трейд»', 'ооо «волга-треид»', 'info@volga-trade.ru', 'info@volga-trade.ru', '+7 495 609-60-60', '+7 495 609-60-60', 'Москва', 'москва', 'active');
INSERT INTO public.client VALUES (41, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Наталья Иванова', 'наталья иванова', 'natalya.ivanova@gmail.com', 'natalya.ivanova@gmail.com', '+7 936 558-65-51', '+7 936 558-65-51', 'Москва', 'москва', 'active');
INSERT INTO public.client VALUES (42, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, '宁波恒通进出口股份有限公司', '宁波恒通进出口股份有限公司', 'info@hengtong.com.cn', 'info@hengtong.com.cn', '+86 154 2096 0080', '+86 154 2096 0080', '宁波', '宁波', 'lead');
INSERT INTO public.client VALUES (43, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'ООО «Полярная звезда»', 'ооо «полярная звезда»', 'sales@polyarzvezda.ru', 'sales@polyarzvezda.ru', '+7 812 094-13-03', '+7 812 094-13-03', 'Москва', 'москва', 'lead');
INSERT INTO public.client VALUES (44, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, '上海鼎盛贸易股份有限公司', '上海鼎盛贸易股份有限公司', 'sales@dingsheng.com.cn', 'sales@dingsheng.com.cn', '+86 155 6569 7570', '+86 155 6569 7570', '上海', '上海', 'vip');
INSERT INTO public.client VALUES (45, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'PT Surya Gemilang', 'pt surya gemilang', 'marketing@suryagemilang.co.id', 'marketing@suryagemilang.co.id', '+62 856-8819-2909', '+62 856-8819-2909', 'Semarang', 'semarang', 'lost');
INSERT INTO public.client VALUES (46, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Transilvania Trade SA', 'transilvania trade sa', 'office@transilvaniatrade.ro', 'office@transilvaniatrade.ro', '+40 732 485 828', '+40 732 485 828', 'București', 'bucuresti', 'lead');
INSERT INTO public.client VALUES (47, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, '上海明辉照明有限公司', '上海明辉照明有限公司', 'info@minghui.com.cn', 'info@minghui.com.cn', '+86 159 9484 2625', '+86 159 9484 2625', '上海', '上海', 'vip');
INSERT INTO public.client VALUES (48, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Greenfield Supplies Ltd', 'greenfield supplies ltd', 'info@greenfieldsupplies.co.uk', 'info@greenfieldsupplies.co.uk', '+44 161 943 8171', '+44 161 943 8171', 'Leeds', 'leeds', 'lead');
INSERT INTO public.client VALUES (49, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, '深圳华光科技有限公司', '深圳华光科技有限公司', 'service@huaguang.com.cn', 'service@huaguang.com.cn', '+86 159 0980 2457', '+86 159 0980 2457', '深圳', '深圳', 'active');
INSERT INTO public.client VALUES (50, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Dunărea SRL', 'dunarea srl', 'vanzari@dunarea.ro', 'vanzari@dunarea.ro', '+40 264 468 679', '+40 264 468 679', 'București', 'bucuresti', 'lead');
INSERT INTO public.client VALUES (51, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Sri Saputra', 'sri saputra', 'sri.saputra@gmail.com', 'sri.saputra@gmail.com', '+62 21 8328-2671', '+62 21 8328-2671', 'Surabaya', 'surabaya', 'active');
INSERT INTO public.client VALUES (52, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Summit Tools plc', 'summit tools plc', 'sales@summittools.co.uk', 'sales@summittools.co.uk', '+44 20 9486 8712', '+44 20 9486 8712', 'Edinburgh', 'edinburgh', 'active');
INSERT INTO public.client VALUES (53, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Ольга Соколова', 'ольга соколова', 'olga.sokolova@gmail.com', 'olga.sokolova@gmail.com', '+7 812 631-36-50', '+7 812 631-36-50', 'Казань', 'казань', 'vip');
INSERT INTO public.client VALUES (54, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Maria Popescu', 'maria popescu', 'maria.popescu@yahoo.com', 'maria.popescu@yahoo.com', '+40 21 614 0425', '+40 21 614 0425', 'București', 'bucuresti', 'active');
INSERT INTO public.client VALUES (55, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Agus Susanto', 'agus susanto', 'agus.susanto@yahoo.co.id', 'agus.susanto@yahoo.co.id', '+62 812-8972-4617', '+62 812-8972-4617', 'Semarang', 'semarang', 'active');
INSERT INTO public.client VALUES (56, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Алексей Иванов', 'алексеи иванов', 'aleksey.ivanov@yandex.ru', 'aleksey.ivanov@yandex.ru', '+7 495 676-54-07', '+7 495 676-54-07', 'Санкт-Петербург', 'санкт-петербург', 'lead');
INSERT INTO public.client VALUES (57, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'АО «Вектор»', 'ао «вектор»', 'info@vektor.ru', 'info@vektor.ru', '+7 812 216-71-65', '+7 812 216-71-65', 'Екатеринбург', 'екатеринбург', 'lost');
INSERT INTO public.client VALUES (58, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'CV Tunas Baru', 'cv tunas baru', 'admin@tunasbaru.co.id', 'admin@tunasbaru.co.id', '+62 857-0169-4232', '+62 857-0169-4232', 'Jakarta', 'jakarta', 'active');
INSERT INTO public.client VALUES (59, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, '北京宏达电子有限公司', '北京宏达电子有限公司', 'sales@hongda.com.cn', 'sales@hongda.com.cn', '+86 10 3321 5407', '+86 10 3321 5407', '北京', '北京', 'lead');
INSERT INTO public.client VALUES (60, '2026-12-07 21:38:29.058797+00', '2026-12-07 21:38:29.058797+00', 1, 1, 1, 1, NULL, 'Thames Valley Print Ltd', 'thames valley print ltd', 'hello@tvprint.co.uk', 'hello@tvprint.co.uk', '+44 161 490 8638', '+44 161 490 8638', 'Edinburgh', 'edinburgh', 'lead');


--
-- Data for Name: deal; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.deal VALUES (1, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Аренда складских помещений — ООО «Волга-Трейд»', 'аренда складских помещении — ооо «волга-треид»', 46400, 'new', 40, '2027-01-09');
INSERT INTO public.deal VALUES (2, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Годовой договор на обслуживание — Ольга Соколова', 'годовои договор на обслуживание — ольга соколова', 97800, 'lost', 53, '2026-10-17');
INSERT INTO public.deal VALUES (3, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Website redesign — Greenfield Supplies Ltd', 'website redesign — greenfield supplies ltd', 68400, 'new', 48, '2026-12-08');
INSERT INTO public.deal VALUES (4, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Mentenanță anuală — Dunărea SRL', 'mentenanta anuala — dunarea srl', 52800, 'lost', 50, '2026-10-06');
INSERT INTO public.deal VALUES (5, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '年度采购合同 — 北京明辉照明有限公司', '年度采购合同 — 北京明辉照明有限公司', 73500, 'proposal', 21, '2027-02-24');
INSERT INTO public.deal VALUES (6, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Поставка спецодежды — АО «Меридиан»', 'поставка спецодежды — ао «меридиан»', 56800, 'proposal', 4, '2027-01-09');
INSERT INTO public.deal VALUES (7, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Ambalaje din carton — Transilvania Trade SA', 'ambalaje din carton — transilvania trade sa', 59000, 'qualified', 46, '2026-12-29');
INSERT INTO public.deal VALUES (8, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Office furniture refit — Redwood Packaging Ltd', 'office furniture refit — redwood packaging ltd', 63200, 'new', 32, '2027-02-09');
INSERT INTO public.deal VALUES (9, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '仓储外包服务 — 上海鼎盛贸易有限公司', '仓储外包服务 — 上海鼎盛贸易有限公司', 39400, 'proposal', 20, '2027-02-03');
INSERT INTO public.deal VALUES (10, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '包装材料订单 — 北京明辉照明有限公司', '包装材料订单 — 北京明辉照明有限公司', 80900, 'won', 21, '2026-11-25');
INSERT INTO public.deal VALUES (11, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Fleet telematics pilot — Redwood Packaging Ltd', 'fleet telematics pilot — redwood packaging ltd', 97800, 'won', 32, '2026-07-02');
INSERT INTO public.deal VALUES (12, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '年度采购合同 — 北京宏达电子有限公司', '年度采购合同 — 北京宏达电子有限公司', 60200, 'proposal', 59, '2027-01-17');
INSERT INTO public.deal VALUES (13, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'LED照明设备供货 — 杭州金桥实业有限公司', 'led照明设备供货 — 杭州金桥实业有限公司', 87600, 'negotiation', 3, '2027-01-10');
INSERT INTO public.deal VALUES (14, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Аренда складских помещений — АО «Меридиан»', 'аренда складских помещении — ао «меридиан»', 70300, 'qualified', 4, '2026-12-15');
INSERT INTO public.deal VALUES (15, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '软件许可续订 — 深圳华光科技有限公司', '软件许可续订 — 深圳华光科技有限公司', 68100, 'qualified', 49, '2026-12-10');
INSERT INTO public.deal VALUES (16, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '年度采购合同 — 杭州鼎盛贸易股份有限公司', '年度采购合同 — 杭州鼎盛贸易股份有限公司', 66200, 'new', 33, '2027-01-21');
INSERT INTO public.deal VALUES (17, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Поставка спецодежды — ООО «Полярная звезда»', 'поставка спецодежды — ооо «полярная звезда»', 84900, 'new', 43, '2026-12-04');
INSERT INTO public.deal VALUES (18, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'LED照明设备供货 — 上海明辉照明有限公司', 'led照明设备供货 — 上海明辉照明有限公司', 62600, 'new', 47, '2027-01-12');
INSERT INTO public.deal VALUES (19, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '年度采购合同 — 杭州明辉照明有限公司', '年度采购合同 — 杭州明辉照明有限公司', 115700, 'lost', 15, '2026-12-01');
INSERT INTO public.deal VALUES (20, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Renovasi gudang — PT Prima Niaga', 'renovasi gudang — pt prima niaga', 22500, 'proposal', 34, '2027-02-21');
INSERT INTO public.deal VALUES (21, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Materiale de construcții — Dunărea SRL', 'materiale de constructii — dunarea srl', 90900, 'qualified', 50, '2027-02-12');
INSERT INTO public.deal VALUES (22, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '仓储外包服务 — 北京宏达电子有限公司', '仓储外包服务 — 北京宏达电子有限公司', 7100, 'new', 59, '2027-01-04');
INSERT INTO public.deal VALUES (23, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Lisensi perangkat lunak — PT Tunas Baru', 'lisensi perangkat lunak — pt tunas baru', 59000, 'negotiation', 11, '2026-12-16');
INSERT INTO public.deal VALUES (24, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Materiale de construcții — Ioana Stan', 'materiale de constructii — ioana stan', 41900, 'qualified', 31, '2027-01-05');
INSERT INTO public.deal VALUES (25, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Materiale de construcții — Cristian Popa', 'materiale de constructii — cristian popa', 118900, 'new', 2, '2027-01-08');
INSERT INTO public.deal VALUES (26, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Поставка оборудования — ООО «Ромашка»', 'поставка оборудования — ооо «ромашка»', 52600, 'proposal', 12, '2027-02-20');
INSERT INTO public.deal VALUES (27, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Office furniture refit — Oakridge Electronics plc', 'office furniture refit — oakridge electronics plc', 18200, 'qualified', 39, '2027-01-09');
INSERT INTO public.deal VALUES (28, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Ambalaje din carton — Ioana Stan', 'ambalaje din carton — ioana stan', 13700, 'proposal', 31, '2026-12-08');
INSERT INTO public.deal VALUES (29, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Annual support renewal — Kingsway Office Ltd', 'annual support renewal — kingsway office ltd', 101200, 'lost', 14, '2026-08-25');
INSERT INTO public.deal VALUES (30, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Pengadaan seragam kerja — Dewi Hidayat', 'pengadaan seragam kerja — dewi hidayat', 67900, 'negotiation', 38, '2026-12-03');
INSERT INTO public.deal VALUES (31, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '软件许可续订 — 上海鼎盛贸易有限公司', '软件许可续订 — 上海鼎盛贸易有限公司', 118600, 'new', 20, '2026-12-13');
INSERT INTO public.deal VALUES (32, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Ambalaje din carton — Ion Matei', 'ambalaje din carton — ion matei', 76600, 'won', 37, '2026-09-15');
INSERT INTO public.deal VALUES (33, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Поставка спецодежды — АО «Техностарт»', 'поставка спецодежды — ао «техностарт»', 96400, 'new', 25, '2026-12-20');
INSERT INTO public.deal VALUES (34, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Renovasi gudang — CV Tunas Baru', 'renovasi gudang — cv tunas baru', 38400, 'lost', 58, '2026-11-14');
INSERT INTO public.deal VALUES (35, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Pengadaan seragam kerja — Agus Susanto', 'pengadaan seragam kerja — agus susanto', 33300, 'new', 55, '2027-01-04');
INSERT INTO public.deal VALUES (36, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Pengadaan server — Dewi Saputra', 'pengadaan server — dewi saputra', 107600, 'won', 30, '2026-06-30');
INSERT INTO public.deal VALUES (37, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Pengiriman kopi arabika — Sri Saputra', 'pengiriman kopi arabika — sri saputra', 67600, 'proposal', 51, '2027-02-13');
INSERT INTO public.deal VALUES (38, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Kontrak pemeliharaan tahunan — PT Cahaya Nusantara', 'kontrak pemeliharaan tahunan — pt cahaya nusantara', 93600, 'won', 1, '2026-08-21');
INSERT INTO public.deal VALUES (39, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '包装材料订单 — 北京明辉照明有限公司', '包装材料订单 — 北京明辉照明有限公司', 111200, 'proposal', 21, '2027-02-02');
INSERT INTO public.deal VALUES (40, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Pengadaan seragam kerja — PT Cahaya Nusantara', 'pengadaan seragam kerja — pt cahaya nusantara', 119200, 'negotiation', 1, '2027-01-27');
INSERT INTO public.deal VALUES (41, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Годовой договор на обслуживание — ООО «Полярная звезда»', 'годовои договор на обслуживание — ооо «полярная звезда»', 77000, 'won', 43, '2026-08-26');
INSERT INTO public.deal VALUES (42, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Materiale de construcții — Ana Dumitru', 'materiale de constructii — ana dumitru', 45200, 'lost', 18, '2026-08-26');
INSERT INTO public.deal VALUES (43, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Point-of-sale upgrade — Blue Harbour Foods Ltd', 'point-of-sale upgrade — blue harbour foods ltd', 23400, 'won', 27, '2026-07-17');
INSERT INTO public.deal VALUES (44, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Pengiriman kopi arabika — Sri Saputra', 'pengiriman kopi arabika — sri saputra', 4900, 'qualified', 51, '2027-01-20');
INSERT INTO public.deal VALUES (45, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Office furniture refit — Northwind Traders plc', 'office furniture refit — northwind traders plc', 16500, 'won', 26, '2026-07-06');
INSERT INTO public.deal VALUES (46, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '年度采购合同 — 王敏', '年度采购合同 — 王敏', 75300, 'lost', 16, '2026-11-28');
INSERT INTO public.deal VALUES (47, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Website redesign — Greenfield Supplies Ltd', 'website redesign — greenfield supplies ltd', 11800, 'won', 48, '2026-12-06');
INSERT INTO public.deal VALUES (48, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Внедрение CRM — ООО «Вектор»', 'внедрение crm — ооо «вектор»', 6400, 'new', 5, '2027-01-22');
INSERT INTO public.deal VALUES (49, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '软件许可续订 — 上海鼎盛贸易股份有限公司', '软件许可续订 — 上海鼎盛贸易股份有限公司', 80400, 'qualified', 44, '2026-12-10');
INSERT INTO public.deal VALUES (50, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '年度采购合同 — 杭州金桥实业有限公司', '年度采购合同 — 杭州金桥实业有限公司', 90600, 'new', 3, '2027-01-02');
INSERT INTO public.deal VALUES (51, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Mentenanță anuală — SC Danubius Impex SRL', 'mentenanta anuala — sc danubius impex srl', 65300, 'qualified', 7, '2027-02-28');
INSERT INTO public.deal VALUES (52, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Warehouse shelving — Redwood Packaging Ltd', 'warehouse shelving — redwood packaging ltd', 115600, 'lost', 32, '2026-11-13');
INSERT INTO public.deal VALUES (53, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Pengadaan server — Dewi Hidayat', 'pengadaan server — dewi hidayat', 32300, 'lost', 38, '2026-08-15');
INSERT INTO public.deal VALUES (54, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Поставка оборудования — ООО «Полярная звезда»', 'поставка оборудования — ооо «полярная звезда»', 50400, 'new', 43, '2027-02-26');
INSERT INTO public.deal VALUES (55, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '年度采购合同 — 上海天成机械有限公司', '年度采购合同 — 上海天成机械有限公司', 10500, 'won', 13, '2026-08-03');
INSERT INTO public.deal VALUES (56, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Point-of-sale upgrade — Kingsway Office Ltd', 'point-of-sale upgrade — kingsway office ltd', 31700, 'new', 14, '2027-02-11');
INSERT INTO public.deal VALUES (57, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Renovasi gudang — Dewi Hidayat', 'renovasi gudang — dewi hidayat', 37500, 'negotiation', 38, '2027-01-08');
INSERT INTO public.deal VALUES (58, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Licențe software — Maramureș Wood SA', 'licente software — maramures wood sa', 37500, 'proposal', 6, '2026-12-09');
INSERT INTO public.deal VALUES (59, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Годовой договор на обслуживание — ООО «Агроинвест»', 'годовои договор на обслуживание — ооо «агроинвест»', 76000, 'new', 19, '2027-01-03');
INSERT INTO public.deal VALUES (60, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Pengiriman kopi arabika — PT Maju Jaya', 'pengiriman kopi arabika — pt maju jaya', 102300, 'new', 24, '2027-02-02');
INSERT INTO public.deal VALUES (61, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Contract de furnizare — Miorița SRL', 'contract de furnizare — miorita srl', 90300, 'qualified', 29, '2027-02-05');
INSERT INTO public.deal VALUES (62, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Pengadaan seragam kerja — PT Prima Niaga', 'pengadaan seragam kerja — pt prima niaga', 80800, 'lost', 34, '2026-10-22');
INSERT INTO public.deal VALUES (63, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Поставка спецодежды — Татьяна Козлова', 'поставка спецодежды — татьяна козлова', 19300, 'negotiation', 10, '2027-01-26');
INSERT INTO public.deal VALUES (64, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Mentenanță anuală — Cristian Popa', 'mentenanta anuala — cristian popa', 43500, 'qualified', 2, '2026-12-24');
INSERT INTO public.deal VALUES (65, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Kontrak pemeliharaan tahunan — PT Berkah Abadi', 'kontrak pemeliharaan tahunan — pt berkah abadi', 107400, 'new', 23, '2027-02-07');
INSERT INTO public.deal VALUES (66, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Годовой договор на обслуживание — ООО «Вектор»', 'годовои договор на обслуживание — ооо «вектор»', 110900, 'proposal', 5, '2027-02-23');
INSERT INTO public.deal VALUES (67, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '包装材料订单 — 王敏', '包装材料订单 — 王敏', 50900, 'new', 16, '2026-12-02');
INSERT INTO public.deal VALUES (68, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Аренда складских помещений — Ольга Соколова', 'аренда складских помещении — ольга соколова', 91100, 'new', 53, '2026-12-27');
INSERT INTO public.deal VALUES (69, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Website redesign — Blue Harbour Foods Ltd', 'website redesign — blue harbour foods ltd', 111000, 'qualified', 27, '2027-01-31');
INSERT INTO public.deal VALUES (70, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Pengadaan seragam kerja — PT Cahaya Nusantara', 'pengadaan seragam kerja — pt cahaya nusantara', 48400, 'qualified', 1, '2027-02-21');
INSERT INTO public.deal VALUES (71, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Website redesign — Thames Valley Print Ltd', 'website redesign — thames valley print ltd', 27200, 'new', 60, '2027-02-07');
INSERT INTO public.deal VALUES (72, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '服务器升级项目 — 上海鼎盛贸易有限公司', '服务器升级项目 — 上海鼎盛贸易有限公司', 48600, 'qualified', 20, '2027-02-05');
INSERT INTO public.deal VALUES (73, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Renovasi gudang — Putri Hidayat', 'renovasi gudang — putri hidayat', 85100, 'won', 35, '2026-08-11');
INSERT INTO public.deal VALUES (74, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Kontrak pemeliharaan tahunan — Sri Saputra', 'kontrak pemeliharaan tahunan — sri saputra', 8000, 'new', 51, '2026-12-25');
INSERT INTO public.deal VALUES (75, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Годовой договор на обслуживание — ООО «Вектор»', 'годовои договор на обслуживание — ооо «вектор»', 32700, 'proposal', 5, '2027-02-03');
INSERT INTO public.deal VALUES (76, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Warehouse shelving — Kingsway Office Ltd', 'warehouse shelving — kingsway office ltd', 43500, 'lost', 14, '2026-07-09');
INSERT INTO public.deal VALUES (77, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '仓储外包服务 — 杭州明辉照明有限公司', '仓储外包服务 — 杭州明辉照明有限公司', 12600, 'new', 15, '2027-03-03');
INSERT INTO public.deal VALUES (78, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '包装材料订单 — 上海天成机械有限公司', '包装材料订单 — 上海天成机械有限公司', 48800, 'won', 13, '2026-10-13');
INSERT INTO public.deal VALUES (79, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Fleet telematics pilot — Summit Tools plc', 'fleet telematics pilot — summit tools plc', 115200, 'won', 52, '2026-06-12');
INSERT INTO public.deal VALUES (80, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Ambalaje din carton — Ioana Stan', 'ambalaje din carton — ioana stan', 41300, 'proposal', 31, '2027-01-24');
INSERT INTO public.deal VALUES (81, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Renovasi gudang — Sri Saputra', 'renovasi gudang — sri saputra', 7000, 'qualified', 51, '2026-12-10');
INSERT INTO public.deal VALUES (82, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Website redesign — Thames Valley Print Ltd', 'website redesign — thames valley print ltd', 13200, 'negotiation', 60, '2027-01-02');
INSERT INTO public.deal VALUES (83, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '服务器升级项目 — 杭州金桥实业有限公司', '服务器升级项目 — 杭州金桥实业有限公司', 49300, 'new', 3, '2027-03-05');
INSERT INTO public.deal VALUES (84, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Annual support renewal — Northwind Traders plc', 'annual support renewal — northwind traders plc', 68400, 'won', 26, '2026-10-11');
INSERT INTO public.deal VALUES (85, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Point-of-sale upgrade — Greenfield Supplies Ltd', 'point-of-sale upgrade — greenfield supplies ltd', 72000, 'negotiation', 48, '2027-02-10');
INSERT INTO public.deal VALUES (86, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Pengadaan seragam kerja — PT Tunas Baru', 'pengadaan seragam kerja — pt tunas baru', 17600, 'qualified', 11, '2027-02-04');
INSERT INTO public.deal VALUES (87, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Materiale de construcții — Dunărea SRL', 'materiale de constructii — dunarea srl', 7900, 'new', 50, '2027-02-24');
INSERT INTO public.deal VALUES (88, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Внедрение CRM — ООО «Полярная звезда»', 'внедрение crm — ооо «полярная звезда»', 69600, 'qualified', 43, '2027-02-20');
INSERT INTO public.deal VALUES (89, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Оптовая партия упаковки — Алексей Иванов', 'оптовая партия упаковки — алексеи иванов', 63900, 'negotiation', 56, '2027-02-03');
INSERT INTO public.deal VALUES (90, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Pengadaan server — PT Surya Gemilang', 'pengadaan server — pt surya gemilang', 2700, 'qualified', 45, '2027-02-08');
INSERT INTO public.deal VALUES (91, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Materiale de construcții — Maramureș Wood SA', 'materiale de constructii — maramures wood sa', 84400, 'new', 6, '2027-01-15');
INSERT INTO public.deal VALUES (92, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'LED照明设备供货 — 杭州明辉照明有限公司', 'led照明设备供货 — 杭州明辉照明有限公司', 500, 'new', 15, '2026-12-10');
INSERT INTO public.deal VALUES (93, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Годовой договор на обслуживание — Наталья Иванова', 'годовои договор на обслуживание — наталья иванова', 117400, 'proposal', 41, '2027-01-21');
INSERT INTO public.deal VALUES (94, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Echipamente frigorifice — Miorița SRL', 'echipamente frigorifice — miorita srl', 31500, 'new', 29, '2027-02-24');
INSERT INTO public.deal VALUES (95, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Поставка спецодежды — АО «Меридиан»', 'поставка спецодежды — ао «меридиан»', 14700, 'new', 4, '2026-12-21');
INSERT INTO public.deal VALUES (96, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Echipamente frigorifice — Danubius Impex SA', 'echipamente frigorifice — danubius impex sa', 51200, 'qualified', 36, '2027-02-27');
INSERT INTO public.deal VALUES (97, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '仓储外包服务 — 宁波恒通进出口股份有限公司', '仓储外包服务 — 宁波恒通进出口股份有限公司', 47400, 'qualified', 42, '2026-12-05');
INSERT INTO public.deal VALUES (98, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Годовой договор на обслуживание — Ольга Соколова', 'годовои договор на обслуживание — ольга соколова', 42100, 'lost', 53, '2026-10-13');
INSERT INTO public.deal VALUES (99, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Pengiriman kopi arabika — PT Maju Jaya', 'pengiriman kopi arabika — pt maju jaya', 6600, 'proposal', 24, '2026-12-01');
INSERT INTO public.deal VALUES (100, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Годовой договор на обслуживание — ООО «Полярная звезда»', 'годовои договор на обслуживание — ооо «полярная звезда»', 96100, 'qualified', 43, '2027-01-30');
INSERT INTO public.deal VALUES (101, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Lisensi perangkat lunak — Dewi Hidayat', 'lisensi perangkat lunak — dewi hidayat', 90800, 'proposal', 38, '2026-12-22');
INSERT INTO public.deal VALUES (102, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '年度采购合同 — 北京明辉照明有限公司', '年度采购合同 — 北京明辉照明有限公司', 90100, 'new', 21, '2027-01-14');
INSERT INTO public.deal VALUES (103, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '服务器升级项目 — 上海鼎盛贸易股份有限公司', '服务器升级项目 — 上海鼎盛贸易股份有限公司', 32200, 'new', 44, '2026-12-28');
INSERT INTO public.deal VALUES (104, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Licențe software — Ana Dumitru', 'licente software — ana dumitru', 19000, 'new', 18, '2026-12-28');
INSERT INTO public.deal VALUES (105, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Office furniture refit — Blue Harbour Foods Ltd', 'office furniture refit — blue harbour foods ltd', 91600, 'won', 27, '2026-10-27');
INSERT INTO public.deal VALUES (106, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Echipamente frigorifice — Miorița SRL', 'echipamente frigorifice — miorita srl', 22900, 'new', 29, '2027-01-17');
INSERT INTO public.deal VALUES (107, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Kontrak pemeliharaan tahunan — Dewi Hidayat', 'kontrak pemeliharaan tahunan — dewi hidayat', 1000, 'proposal', 38, '2026-12-14');
INSERT INTO public.deal VALUES (108, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Echipamente frigorifice — Transilvania Trade SA', 'echipamente frigorifice — transilvania trade sa', 41100, 'new', 46, '2027-01-03');
INSERT INTO public.deal VALUES (109, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Fleet telematics pilot — Blue Harbour Foods Ltd', 'fleet telematics pilot — blue harbour foods ltd', 64900, 'new', 27, '2027-03-04');
INSERT INTO public.deal VALUES (110, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Echipamente frigorifice — Danubius Impex SA', 'echipamente frigorifice — danubius impex sa', 55800, 'new', 36, '2026-12-10');
INSERT INTO public.deal VALUES (111, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Website redesign — Northwind Traders plc', 'website redesign — northwind traders plc', 112500, 'won', 26, '2026-11-27');
INSERT INTO public.deal VALUES (112, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Поставка оборудования — АО «Вектор»', 'поставка оборудования — ао «вектор»', 111700, 'new', 57, '2027-02-22');
INSERT INTO public.deal VALUES (113, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Годовой договор на обслуживание — Алексей Иванов', 'годовои договор на обслуживание — алексеи иванов', 76000, 'lost', 56, '2026-08-20');
INSERT INTO public.deal VALUES (114, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Annual support renewal — Northwind Traders plc', 'annual support renewal — northwind traders plc', 59600, 'new', 26, '2027-02-16');
INSERT INTO public.deal VALUES (115, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'LED照明设备供货 — 北京宏达电子有限公司', 'led照明设备供货 — 北京宏达电子有限公司', 11700, 'proposal', 59, '2027-01-11');
INSERT INTO public.deal VALUES (116, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Echipamente frigorifice — Maria Popescu', 'echipamente frigorifice — maria popescu', 70700, 'lost', 54, '2026-09-22');
INSERT INTO public.deal VALUES (117, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Pengiriman kopi arabika — PT Prima Niaga', 'pengiriman kopi arabika — pt prima niaga', 109000, 'qualified', 34, '2026-12-31');
INSERT INTO public.deal VALUES (118, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Pengadaan seragam kerja — Sri Saputra', 'pengadaan seragam kerja — sri saputra', 57400, 'proposal', 51, '2027-02-22');
INSERT INTO public.deal VALUES (119, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Pengadaan server — PT Surya Gemilang', 'pengadaan server — pt surya gemilang', 2900, 'new', 45, '2026-12-28');
INSERT INTO public.deal VALUES (120, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Fleet telematics pilot — Thames Valley Print Ltd', 'fleet telematics pilot — thames valley print ltd', 112600, 'lost', 60, '2026-10-18');
INSERT INTO public.deal VALUES (121, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Внедрение CRM — АО «Меридиан»', 'внедрение crm — ао «меридиан»', 34500, 'new', 4, '2026-12-08');
INSERT INTO public.deal VALUES (122, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Renovasi gudang — Dewi Hidayat', 'renovasi gudang — dewi hidayat', 93400, 'won', 38, '2026-10-30');
INSERT INTO public.deal VALUES (123, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Внедрение CRM — ООО «Ромашка»', 'внедрение crm — ооо «ромашка»', 69900, 'proposal', 12, '2026-12-03');
INSERT INTO public.deal VALUES (124, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '服务器升级项目 — 杭州鼎盛贸易股份有限公司', '服务器升级项目 — 杭州鼎盛贸易股份有限公司', 115700, 'new', 33, '2027-02-26');
INSERT INTO public.deal VALUES (125, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Office furniture refit — Kingsway Office Ltd', 'office furniture refit — kingsway office ltd', 81900, 'new', 14, '2026-12-17');
INSERT INTO public.deal VALUES (126, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '年度采购合同 — 上海明辉照明有限公司', '年度采购合同 — 上海明辉照明有限公司', 71300, 'new', 47, '2027-01-26');
INSERT INTO public.deal VALUES (127, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Годовой договор на обслуживание — ООО «Ромашка»', 'годовои договор на обслуживание — ооо «ромашка»', 59500, 'new', 12, '2027-02-21');
INSERT INTO public.deal VALUES (128, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Renovasi gudang — Dewi Saputra', 'renovasi gudang — dewi saputra', 45900, 'won', 30, '2026-08-16');
INSERT INTO public.deal VALUES (129, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Warehouse shelving — Summit Tools plc', 'warehouse shelving — summit tools plc', 15000, 'qualified', 52, '2027-03-03');
INSERT INTO public.deal VALUES (130, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Kontrak pemeliharaan tahunan — Sri Saputra', 'kontrak pemeliharaan tahunan — sri saputra', 112400, 'qualified', 51, '2026-12-21');
INSERT INTO public.deal VALUES (131, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Echipamente frigorifice — Cristian Popa', 'echipamente frigorifice — cristian popa', 57600, 'proposal', 2, '2027-02-23');
INSERT INTO public.deal VALUES (132, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Pengadaan seragam kerja — PT Cahaya Nusantara', 'pengadaan seragam kerja — pt cahaya nusantara', 109000, 'qualified', 1, '2027-03-06');
INSERT INTO public.deal VALUES (133, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '包装材料订单 — 上海鼎盛贸易股份有限公司', '包装材料订单 — 上海鼎盛贸易股份有限公司', 60000, 'lost', 44, '2026-11-14');
INSERT INTO public.deal VALUES (134, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Годовой договор на обслуживание — ООО «Волга-Трейд»', 'годовои договор на обслуживание — ооо «волга-треид»', 82000, 'lost', 40, '2026-06-10');
INSERT INTO public.deal VALUES (135, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Оптовая партия упаковки — Ольга Соколова', 'оптовая партия упаковки — ольга соколова', 107900, 'won', 53, '2026-12-03');
INSERT INTO public.deal VALUES (136, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Materiale de construcții — Ioana Stan', 'materiale de constructii — ioana stan', 105300, 'new', 31, '2027-01-11');
INSERT INTO public.deal VALUES (137, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Kontrak pemeliharaan tahunan — PT Tunas Baru', 'kontrak pemeliharaan tahunan — pt tunas baru', 1500, 'negotiation', 11, '2027-01-18');
INSERT INTO public.deal VALUES (138, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, '服务器升级项目 — 北京明辉照明有限公司', '服务器升级项目 — 北京明辉照明有限公司', 30400, 'lost', 21, '2026-09-24');
INSERT INTO public.deal VALUES (139, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Оптовая партия упаковки — АО «Вектор»', 'оптовая партия упаковки — ао «вектор»', 4700, 'negotiation', 57, '2027-02-06');
INSERT INTO public.deal VALUES (140, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Внедрение CRM — Ольга Соколова', 'внедрение crm — ольга соколова', 110900, 'won', 53, '2026-11-18');
INSERT INTO public.deal VALUES (141, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Pengiriman kopi arabika — PT Surya Gemilang', 'pengiriman kopi arabika — pt surya gemilang', 110200, 'new', 45, '2026-12-19');
INSERT INTO public.deal VALUES (142, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Внедрение CRM — Ольга Соколова', 'внедрение crm — ольга соколова', 107200, 'won', 53, '2026-09-11');
INSERT INTO public.deal VALUES (143, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Fleet telematics pilot — Summit Tools Ltd', 'fleet telematics pilot — summit tools ltd', 111000, 'qualified', 9, '2026-12-21');
INSERT INTO public.deal VALUES (144, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Ambalaje din carton — Maria Popescu', 'ambalaje din carton — maria popescu', 97600, 'proposal', 54, '2027-01-13');
INSERT INTO public.deal VALUES (145, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'LED照明设备供货 — 杭州鼎盛贸易股份有限公司', 'led照明设备供货 — 杭州鼎盛贸易股份有限公司', 25400, 'new', 33, '2026-12-30');
INSERT INTO public.deal VALUES (146, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Website redesign — Thames Valley Print Ltd', 'website redesign — thames valley print ltd', 91200, 'proposal', 60, '2027-01-15');
INSERT INTO public.deal VALUES (147, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Аренда складских помещений — Татьяна Козлова', 'аренда складских помещении — татьяна козлова', 34500, 'new', 10, '2027-01-13');
INSERT INTO public.deal VALUES (148, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Ambalaje din carton — Dunărea SRL', 'ambalaje din carton — dunarea srl', 119600, 'qualified', 50, '2027-03-06');
INSERT INTO public.deal VALUES (149, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Annual support renewal — Summit Tools plc', 'annual support renewal — summit tools plc', 73600, 'proposal', 52, '2027-01-21');
INSERT INTO public.deal VALUES (150, '2026-12-07 21:38:29.072985+00', '2026-12-07 21:38:29.072985+00', 1, 1, 1, 1, NULL, 'Pengadaan server — PT Berkah Abadi', 'pengadaan server — pt berkah abadi', 101900, 'qualified', 23, '2027-02-13');


--
-- Data for Name: kt_attachment; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: kt_change; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.kt_change VALUES (1, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 1, 'created', NULL, NULL, '{"fld_client_name":"PT Cahaya Nusantara","fld_client_email":"marketing@cahayanusantara.co.id","fld_client_phone":"+62 855-1112-1618","fld_client_city":"Surabaya","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (2, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 2, 'created', NULL, NULL, '{"fld_client_name":"Cristian Popa","fld_client_email":"cristian.popa@gmail.com","fld_client_phone":"+40 714 878 751","fld_client_city":"Brașov","fld_client_status":"lead"}');
INSERT INTO public.kt_change VALUES (3, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 3, 'created', NULL, NULL, '{"fld_client_name":"杭州金桥实业有限公司","fld_client_email":"info@jinqiao.com.cn","fld_client_phone":"+86 152 5475 5849","fld_client_city":"杭州","fld_client_status":"lead"}');
INSERT INTO public.kt_change VALUES (4, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 4, 'created', NULL, NULL, '{"fld_client_name":"АО «Меридиан»","fld_client_email":"sales@meridian.ru","fld_client_phone":"+7 812 601-78-79","fld_client_city":"Самара","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (5, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 5, 'created', NULL, NULL, '{"fld_client_name":"ООО «Вектор»","fld_client_email":"office@vektor.ru","fld_client_phone":"+7 495 163-86-40","fld_client_city":"Москва","fld_client_status":"vip"}');
INSERT INTO public.kt_change VALUES (6, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 6, 'created', NULL, NULL, '{"fld_client_name":"Maramureș Wood SA","fld_client_email":"vanzari@maramureswood.ro","fld_client_phone":"+40 763 978 362","fld_client_city":"Brașov","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (7, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 7, 'created', NULL, NULL, '{"fld_client_name":"SC Danubius Impex SRL","fld_client_email":"vanzari@danubius.ro","fld_client_phone":"+40 721 735 089","fld_client_city":"Cluj-Napoca","fld_client_status":"lead"}');
INSERT INTO public.kt_change VALUES (8, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 8, 'created', NULL, NULL, '{"fld_client_name":"Brightstone Retail Ltd","fld_client_email":"info@brightstone.co.uk","fld_client_phone":"+44 7259 364010","fld_client_city":"Bristol","fld_client_status":"lost"}');
INSERT INTO public.kt_change VALUES (9, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 9, 'created', NULL, NULL, '{"fld_client_name":"Summit Tools Ltd","fld_client_email":"accounts@summittools.co.uk","fld_client_phone":"+44 161 984 7220","fld_client_city":"Edinburgh","fld_client_status":"lead"}');
INSERT INTO public.kt_change VALUES (10, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 10, 'created', NULL, NULL, '{"fld_client_name":"Татьяна Козлова","fld_client_email":"tatyana.kozlova@yandex.ru","fld_client_phone":"+7 812 829-93-66","fld_client_city":"Самара","fld_client_status":"lost"}');
INSERT INTO public.kt_change VALUES (11, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 11, 'created', NULL, NULL, '{"fld_client_name":"PT Tunas Baru","fld_client_email":"info@tunasbaru.co.id","fld_client_phone":"+62 812-2742-4455","fld_client_city":"Jakarta","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (12, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 12, 'created', NULL, NULL, '{"fld_client_name":"ООО «Ромашка»","fld_client_email":"sales@romashka.ru","fld_client_phone":"+7 812 209-41-61","fld_client_city":"Москва","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (13, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 13, 'created', NULL, NULL, '{"fld_client_name":"上海天成机械有限公司","fld_client_email":"info@tiancheng.com.cn","fld_client_phone":"+86 153 0790 5638","fld_client_city":"上海","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (14, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 14, 'created', NULL, NULL, '{"fld_client_name":"Kingsway Office Ltd","fld_client_email":"info@kingswayoffice.co.uk","fld_client_phone":"+44 20 1534 4236","fld_client_city":"Birmingham","fld_client_status":"lead"}');
INSERT INTO public.kt_change VALUES (15, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 15, 'created', NULL, NULL, '{"fld_client_name":"杭州明辉照明有限公司","fld_client_email":"sales@minghui.com.cn","fld_client_phone":"+86 139 4670 3280","fld_client_city":"杭州","fld_client_status":"lost"}');
INSERT INTO public.kt_change VALUES (16, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 16, 'created', NULL, NULL, '{"fld_client_name":"王敏","fld_client_email":"wangmin@126.com","fld_client_phone":"+86 138 7508 6151","fld_client_city":"深圳","fld_client_status":"lead"}');
INSERT INTO public.kt_change VALUES (17, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 17, 'created', NULL, NULL, '{"fld_client_name":"Argeș Prod SA","fld_client_email":"vanzari@argesprod.ro","fld_client_phone":"+40 264 499 947","fld_client_city":"Constanța","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (18, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 18, 'created', NULL, NULL, '{"fld_client_name":"Ana Dumitru","fld_client_email":"ana.dumitru@yahoo.com","fld_client_phone":"+40 704 464 096","fld_client_city":"Timișoara","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (19, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 19, 'created', NULL, NULL, '{"fld_client_name":"ООО «Агроинвест»","fld_client_email":"zakaz@agroinvest.ru","fld_client_phone":"+7 495 525-93-83","fld_client_city":"Екатеринбург","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (20, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 20, 'created', NULL, NULL, '{"fld_client_name":"上海鼎盛贸易有限公司","fld_client_email":"info@dingsheng.com.cn","fld_client_phone":"+86 153 9299 4554","fld_client_city":"上海","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (21, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 21, 'created', NULL, NULL, '{"fld_client_name":"北京明辉照明有限公司","fld_client_email":"service@minghui.com.cn","fld_client_phone":"+86 158 0267 7282","fld_client_city":"北京","fld_client_status":"lost"}');
INSERT INTO public.kt_change VALUES (22, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 22, 'created', NULL, NULL, '{"fld_client_name":"Emily Smith","fld_client_email":"emily.smith@outlook.com","fld_client_phone":"+44 7912 443094","fld_client_city":"London","fld_client_status":"lead"}');
INSERT INTO public.kt_change VALUES (23, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 23, 'created', NULL, NULL, '{"fld_client_name":"PT Berkah Abadi","fld_client_email":"info@berkahabadi.co.id","fld_client_phone":"+62 818-2642-9926","fld_client_city":"Jakarta","fld_client_status":"lead"}');
INSERT INTO public.kt_change VALUES (24, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 24, 'created', NULL, NULL, '{"fld_client_name":"PT Maju Jaya","fld_client_email":"admin@majujaya.co.id","fld_client_phone":"+62 852-1351-6082","fld_client_city":"Semarang","fld_client_status":"lost"}');
INSERT INTO public.kt_change VALUES (25, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 25, 'created', NULL, NULL, '{"fld_client_name":"АО «Техностарт»","fld_client_email":"zakaz@tekhnostart.ru","fld_client_phone":"+7 812 201-09-23","fld_client_city":"Казань","fld_client_status":"vip"}');
INSERT INTO public.kt_change VALUES (26, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 26, 'created', NULL, NULL, '{"fld_client_name":"Northwind Traders plc","fld_client_email":"hello@northwindtraders.co.uk","fld_client_phone":"+44 20 7604 6839","fld_client_city":"London","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (27, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 27, 'created', NULL, NULL, '{"fld_client_name":"Blue Harbour Foods Ltd","fld_client_email":"hello@blueharbourfoods.co.uk","fld_client_phone":"+44 7392 370987","fld_client_city":"Manchester","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (28, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 28, 'created', NULL, NULL, '{"fld_client_name":"Oakridge Electronics Ltd","fld_client_email":"info@oakridge-electronics.co.uk","fld_client_phone":"+44 7353 567889","fld_client_city":"Manchester","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (29, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 29, 'created', NULL, NULL, '{"fld_client_name":"Miorița SRL","fld_client_email":"vanzari@miorita.ro","fld_client_phone":"+40 765 866 580","fld_client_city":"Constanța","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (30, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 30, 'created', NULL, NULL, '{"fld_client_name":"Dewi Saputra","fld_client_email":"dewi.saputra@yahoo.co.id","fld_client_phone":"+62 21 4022-9122","fld_client_city":"Surabaya","fld_client_status":"lost"}');
INSERT INTO public.kt_change VALUES (31, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 31, 'created', NULL, NULL, '{"fld_client_name":"Ioana Stan","fld_client_email":"ioana.stan@yahoo.com","fld_client_phone":"+40 264 106 206","fld_client_city":"Constanța","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (32, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 32, 'created', NULL, NULL, '{"fld_client_name":"Redwood Packaging Ltd","fld_client_email":"sales@redwoodpackaging.co.uk","fld_client_phone":"+44 7602 876935","fld_client_city":"Leeds","fld_client_status":"lead"}');
INSERT INTO public.kt_change VALUES (33, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 33, 'created', NULL, NULL, '{"fld_client_name":"杭州鼎盛贸易股份有限公司","fld_client_email":"service@dingsheng.com.cn","fld_client_phone":"+86 131 1770 1850","fld_client_city":"杭州","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (34, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 34, 'created', NULL, NULL, '{"fld_client_name":"PT Prima Niaga","fld_client_email":"sales@primaniaga.co.id","fld_client_phone":"+62 21 4298-8950","fld_client_city":"Surabaya","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (35, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 35, 'created', NULL, NULL, '{"fld_client_name":"Putri Hidayat","fld_client_email":"putri.hidayat@yahoo.co.id","fld_client_phone":"+62 811-3627-5601","fld_client_city":"Semarang","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (36, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 36, 'created', NULL, NULL, '{"fld_client_name":"Danubius Impex SA","fld_client_email":"office@danubius.ro","fld_client_phone":"+40 760 712 307","fld_client_city":"București","fld_client_status":"lead"}');
INSERT INTO public.kt_change VALUES (37, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 37, 'created', NULL, NULL, '{"fld_client_name":"Ion Matei","fld_client_email":"ion.matei@gmail.com","fld_client_phone":"+40 21 919 1734","fld_client_city":"Constanța","fld_client_status":"lead"}');
INSERT INTO public.kt_change VALUES (38, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 38, 'created', NULL, NULL, '{"fld_client_name":"Dewi Hidayat","fld_client_email":"dewi.hidayat@gmail.com","fld_client_phone":"+62 817-6714-1223","fld_client_city":"Makassar","fld_client_status":"lead"}');
INSERT INTO public.kt_change VALUES (39, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 39, 'created', NULL, NULL, '{"fld_client_name":"Oakridge Electronics plc","fld_client_email":"hello@oakridge-electronics.co.uk","fld_client_phone":"+44 161 174 8748","fld_client_city":"London","fld_client_status":"lead"}');
INSERT INTO public.kt_change VALUES (40, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 40, 'created', NULL, NULL, '{"fld_client_name":"ООО «Волга-Трейд»","fld_client_email":"info@volga-trade.ru","fld_client_phone":"+7 495 609-60-60","fld_client_city":"Москва","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (41, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 41, 'created', NULL, NULL, '{"fld_client_name":"Наталья Иванова","fld_client_email":"natalya.ivanova@gmail.com","fld_client_phone":"+7 936 558-65-51","fld_client_city":"Москва","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (42, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 42, 'created', NULL, NULL, '{"fld_client_name":"宁波恒通进出口股份有限公司","fld_client_email":"info@hengtong.com.cn","fld_client_phone":"+86 154 2096 0080","fld_client_city":"宁波","fld_client_status":"lead"}');
INSERT INTO public.kt_change VALUES (43, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 43, 'created', NULL, NULL, '{"fld_client_name":"ООО «Полярная звезда»","fld_client_email":"sales@polyarzvezda.ru","fld_client_phone":"+7 812 094-13-03","fld_client_city":"Москва","fld_client_status":"lead"}');
INSERT INTO public.kt_change VALUES (44, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 44, 'created', NULL, NULL, '{"fld_client_name":"上海鼎盛贸易股份有限公司","fld_client_email":"sales@dingsheng.com.cn","fld_client_phone":"+86 155 6569 7570","fld_client_city":"上海","fld_client_status":"vip"}');
INSERT INTO public.kt_change VALUES (45, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 45, 'created', NULL, NULL, '{"fld_client_name":"PT Surya Gemilang","fld_client_email":"marketing@suryagemilang.co.id","fld_client_phone":"+62 856-8819-2909","fld_client_city":"Semarang","fld_client_status":"lost"}');
INSERT INTO public.kt_change VALUES (46, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 46, 'created', NULL, NULL, '{"fld_client_name":"Transilvania Trade SA","fld_client_email":"office@transilvaniatrade.ro","fld_client_phone":"+40 732 485 828","fld_client_city":"București","fld_client_status":"lead"}');
INSERT INTO public.kt_change VALUES (47, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 47, 'created', NULL, NULL, '{"fld_client_name":"上海明辉照明有限公司","fld_client_email":"info@minghui.com.cn","fld_client_phone":"+86 159 9484 2625","fld_client_city":"上海","fld_client_status":"vip"}');
INSERT INTO public.kt_change VALUES (48, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 48, 'created', NULL, NULL, '{"fld_client_name":"Greenfield Supplies Ltd","fld_client_email":"info@greenfieldsupplies.co.uk","fld_client_phone":"+44 161 943 8171","fld_client_city":"Leeds","fld_client_status":"lead"}');
INSERT INTO public.kt_change VALUES (49, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 49, 'created', NULL, NULL, '{"fld_client_name":"深圳华光科技有限公司","fld_client_email":"service@huaguang.com.cn","fld_client_phone":"+86 159 0980 2457","fld_client_city":"深圳","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (50, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 50, 'created', NULL, NULL, '{"fld_client_name":"Dunărea SRL","fld_client_email":"vanzari@dunarea.ro","fld_client_phone":"+40 264 468 679","fld_client_city":"București","fld_client_status":"lead"}');
INSERT INTO public.kt_change VALUES (51, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 51, 'created', NULL, NULL, '{"fld_client_name":"Sri Saputra","fld_client_email":"sri.saputra@gmail.com","fld_client_phone":"+62 21 8328-2671","fld_client_city":"Surabaya","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (52, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 52, 'created', NULL, NULL, '{"fld_client_name":"Summit Tools plc","fld_client_email":"sales@summittools.co.uk","fld_client_phone":"+44 20 9486 8712","fld_client_city":"Edinburgh","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (53, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 53, 'created', NULL, NULL, '{"fld_client_name":"Ольга Соколова","fld_client_email":"olga.sokolova@gmail.com","fld_client_phone":"+7 812 631-36-50","fld_client_city":"Казань","fld_client_status":"vip"}');
INSERT INTO public.kt_change VALUES (54, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 54, 'created', NULL, NULL, '{"fld_client_name":"Maria Popescu","fld_client_email":"maria.popescu@yahoo.com","fld_client_phone":"+40 21 614 0425","fld_client_city":"București","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (55, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 55, 'created', NULL, NULL, '{"fld_client_name":"Agus Susanto","fld_client_email":"agus.susanto@yahoo.co.id","fld_client_phone":"+62 812-8972-4617","fld_client_city":"Semarang","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (56, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 56, 'created', NULL, NULL, '{"fld_client_name":"Алексей Иванов","fld_client_email":"aleksey.ivanov@yandex.ru","fld_client_phone":"+7 495 676-54-07","fld_client_city":"Санкт-Петербург","fld_client_status":"lead"}');
INSERT INTO public.kt_change VALUES (57, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 57, 'created', NULL, NULL, '{"fld_client_name":"АО «Вектор»","fld_client_email":"info@vektor.ru","fld_client_phone":"+7 812 216-71-65","fld_client_city":"Екатеринбург","fld_client_status":"lost"}');
INSERT INTO public.kt_change VALUES (58, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 58, 'created', NULL, NULL, '{"fld_client_name":"CV Tunas Baru","fld_client_email":"admin@tunasbaru.co.id","fld_client_phone":"+62 857-0169-4232","fld_client_city":"Jakarta","fld_client_status":"active"}');
INSERT INTO public.kt_change VALUES (59, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 59, 'created', NULL, NULL, '{"fld_client_name":"北京宏达电子有限公司","fld_client_email":"sales@hongda.com.cn","fld_client_phone":"+86 10 3321 5407","fld_client_city":"北京","fld_client_status":"lead"}');
INSERT INTO public.kt_change VALUES (90, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 30, 'created', NULL, NULL, '{"fld_deal_title":"Pengadaan seragam kerja — Dewi Hidayat","fld_deal_amount":67900,"fld_deal_stage":"negotiation","fld_deal_client":38,"fld_deal_close_date":"2026-12-03"}');
INSERT INTO public.kt_change VALUES (60, '2026-12-07 21:38:29.058797+00', 1, 'ent_client', 60, 'created', NULL, NULL, '{"fld_client_name":"Thames Valley Print Ltd","fld_client_email":"hello@tvprint.co.uk","fld_client_phone":"+44 161 490 8638","fld_client_city":"Edinburgh","fld_client_status":"lead"}');
INSERT INTO public.kt_change VALUES (61, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 1, 'created', NULL, NULL, '{"fld_deal_title":"Аренда складских помещений — ООО «Волга-Трейд»","fld_deal_amount":46400,"fld_deal_stage":"new","fld_deal_client":40,"fld_deal_close_date":"2027-01-09"}');
INSERT INTO public.kt_change VALUES (62, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 2, 'created', NULL, NULL, '{"fld_deal_title":"Годовой договор на обслуживание — Ольга Соколова","fld_deal_amount":97800,"fld_deal_stage":"lost","fld_deal_client":53,"fld_deal_close_date":"2026-10-17"}');
INSERT INTO public.kt_change VALUES (63, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 3, 'created', NULL, NULL, '{"fld_deal_title":"Website redesign — Greenfield Supplies Ltd","fld_deal_amount":68400,"fld_deal_stage":"new","fld_deal_client":48,"fld_deal_close_date":"2026-12-08"}');
INSERT INTO public.kt_change VALUES (64, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 4, 'created', NULL, NULL, '{"fld_deal_title":"Mentenanță anuală — Dunărea SRL","fld_deal_amount":52800,"fld_deal_stage":"lost","fld_deal_client":50,"fld_deal_close_date":"2026-10-06"}');
INSERT INTO public.kt_change VALUES (65, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 5, 'created', NULL, NULL, '{"fld_deal_title":"年度采购合同 — 北京明辉照明有限公司","fld_deal_amount":73500,"fld_deal_stage":"proposal","fld_deal_client":21,"fld_deal_close_date":"2027-02-24"}');
INSERT INTO public.kt_change VALUES (66, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 6, 'created', NULL, NULL, '{"fld_deal_title":"Поставка спецодежды — АО «Меридиан»","fld_deal_amount":56800,"fld_deal_stage":"proposal","fld_deal_client":4,"fld_deal_close_date":"2027-01-09"}');
INSERT INTO public.kt_change VALUES (67, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 7, 'created', NULL, NULL, '{"fld_deal_title":"Ambalaje din carton — Transilvania Trade SA","fld_deal_amount":59000,"fld_deal_stage":"qualified","fld_deal_client":46,"fld_deal_close_date":"2026-12-29"}');
INSERT INTO public.kt_change VALUES (68, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 8, 'created', NULL, NULL, '{"fld_deal_title":"Office furniture refit — Redwood Packaging Ltd","fld_deal_amount":63200,"fld_deal_stage":"new","fld_deal_client":32,"fld_deal_close_date":"2027-02-09"}');
INSERT INTO public.kt_change VALUES (69, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 9, 'created', NULL, NULL, '{"fld_deal_title":"仓储外包服务 — 上海鼎盛贸易有限公司","fld_deal_amount":39400,"fld_deal_stage":"proposal","fld_deal_client":20,"fld_deal_close_date":"2027-02-03"}');
INSERT INTO public.kt_change VALUES (70, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 10, 'created', NULL, NULL, '{"fld_deal_title":"包装材料订单 — 北京明辉照明有限公司","fld_deal_amount":80900,"fld_deal_stage":"won","fld_deal_client":21,"fld_deal_close_date":"2026-11-25"}');
INSERT INTO public.kt_change VALUES (71, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 11, 'created', NULL, NULL, '{"fld_deal_title":"Fleet telematics pilot — Redwood Packaging Ltd","fld_deal_amount":97800,"fld_deal_stage":"won","fld_deal_client":32,"fld_deal_close_date":"2026-07-02"}');
INSERT INTO public.kt_change VALUES (72, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 12, 'created', NULL, NULL, '{"fld_deal_title":"年度采购合同 — 北京宏达电子有限公司","fld_deal_amount":60200,"fld_deal_stage":"proposal","fld_deal_client":59,"fld_deal_close_date":"2027-01-17"}');
INSERT INTO public.kt_change VALUES (73, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 13, 'created', NULL, NULL, '{"fld_deal_title":"LED照明设备供货 — 杭州金桥实业有限公司","fld_deal_amount":87600,"fld_deal_stage":"negotiation","fld_deal_client":3,"fld_deal_close_date":"2027-01-10"}');
INSERT INTO public.kt_change VALUES (74, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 14, 'created', NULL, NULL, '{"fld_deal_title":"Аренда складских помещений — АО «Меридиан»","fld_deal_amount":70300,"fld_deal_stage":"qualified","fld_deal_client":4,"fld_deal_close_date":"2026-12-15"}');
INSERT INTO public.kt_change VALUES (75, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 15, 'created', NULL, NULL, '{"fld_deal_title":"软件许可续订 — 深圳华光科技有限公司","fld_deal_amount":68100,"fld_deal_stage":"qualified","fld_deal_client":49,"fld_deal_close_date":"2026-12-10"}');
INSERT INTO public.kt_change VALUES (76, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 16, 'created', NULL, NULL, '{"fld_deal_title":"年度采购合同 — 杭州鼎盛贸易股份有限公司","fld_deal_amount":66200,"fld_deal_stage":"new","fld_deal_client":33,"fld_deal_close_date":"2027-01-21"}');
INSERT INTO public.kt_change VALUES (77, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 17, 'created', NULL, NULL, '{"fld_deal_title":"Поставка спецодежды — ООО «Полярная звезда»","fld_deal_amount":84900,"fld_deal_stage":"new","fld_deal_client":43,"fld_deal_close_date":"2026-12-04"}');
INSERT INTO public.kt_change VALUES (78, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 18, 'created', NULL, NULL, '{"fld_deal_title":"LED照明设备供货 — 上海明辉照明有限公司","fld_deal_amount":62600,"fld_deal_stage":"new","fld_deal_client":47,"fld_deal_close_date":"2027-01-12"}');
INSERT INTO public.kt_change VALUES (79, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 19, 'created', NULL, NULL, '{"fld_deal_title":"年度采购合同 — 杭州明辉照明有限公司","fld_deal_amount":115700,"fld_deal_stage":"lost","fld_deal_client":15,"fld_deal_close_date":"2026-12-01"}');
INSERT INTO public.kt_change VALUES (80, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 20, 'created', NULL, NULL, '{"fld_deal_title":"Renovasi gudang — PT Prima Niaga","fld_deal_amount":22500,"fld_deal_stage":"proposal","fld_deal_client":34,"fld_deal_close_date":"2027-02-21"}');
INSERT INTO public.kt_change VALUES (81, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 21, 'created', NULL, NULL, '{"fld_deal_title":"Materiale de construcții — Dunărea SRL","fld_deal_amount":90900,"fld_deal_stage":"qualified","fld_deal_client":50,"fld_deal_close_date":"2027-02-12"}');
INSERT INTO public.kt_change VALUES (82, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 22, 'created', NULL, NULL, '{"fld_deal_title":"仓储外包服务 — 北京宏达电子有限公司","fld_deal_amount":7100,"fld_deal_stage":"new","fld_deal_client":59,"fld_deal_close_date":"2027-01-04"}');
INSERT INTO public.kt_change VALUES (83, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 23, 'created', NULL, NULL, '{"fld_deal_title":"Lisensi perangkat lunak — PT Tunas Baru","fld_deal_amount":59000,"fld_deal_stage":"negotiation","fld_deal_client":11,"fld_deal_close_date":"2026-12-16"}');
INSERT INTO public.kt_change VALUES (84, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 24, 'created', NULL, NULL, '{"fld_deal_title":"Materiale de construcții — Ioana Stan","fld_deal_amount":41900,"fld_deal_stage":"qualified","fld_deal_client":31,"fld_deal_close_date":"2027-01-05"}');
INSERT INTO public.kt_change VALUES (85, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 25, 'created', NULL, NULL, '{"fld_deal_title":"Materiale de construcții — Cristian Popa","fld_deal_amount":118900,"fld_deal_stage":"new","fld_deal_client":2,"fld_deal_close_date":"2027-01-08"}');
INSERT INTO public.kt_change VALUES (86, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 26, 'created', NULL, NULL, '{"fld_deal_title":"Поставка оборудования — ООО «Ромашка»","fld_deal_amount":52600,"fld_deal_stage":"proposal","fld_deal_client":12,"fld_deal_close_date":"2027-02-20"}');
INSERT INTO public.kt_change VALUES (87, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 27, 'created', NULL, NULL, '{"fld_deal_title":"Office furniture refit — Oakridge Electronics plc","fld_deal_amount":18200,"fld_deal_stage":"qualified","fld_deal_client":39,"fld_deal_close_date":"2027-01-09"}');
INSERT INTO public.kt_change VALUES (88, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 28, 'created', NULL, NULL, '{"fld_deal_title":"Ambalaje din carton — Ioana Stan","fld_deal_amount":13700,"fld_deal_stage":"proposal","fld_deal_client":31,"fld_deal_close_date":"2026-12-08"}');
INSERT INTO public.kt_change VALUES (89, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 29, 'created', NULL, NULL, '{"fld_deal_title":"Annual support renewal — Kingsway Office Ltd","fld_deal_amount":101200,"fld_deal_stage":"lost","fld_deal_client":14,"fld_deal_close_date":"2026-08-25"}');
INSERT INTO public.kt_change VALUES (91, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 31, 'created', NULL, NULL, '{"fld_deal_title":"软件许可续订 — 上海鼎盛贸易有限公司","fld_deal_amount":118600,"fld_deal_stage":"new","fld_deal_client":20,"fld_deal_close_date":"2026-12-13"}');
INSERT INTO public.kt_change VALUES (92, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 32, 'created', NULL, NULL, '{"fld_deal_title":"Ambalaje din carton — Ion Matei","fld_deal_amount":76600,"fld_deal_stage":"won","fld_deal_client":37,"fld_deal_close_date":"2026-09-15"}');
INSERT INTO public.kt_change VALUES (93, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 33, 'created', NULL, NULL, '{"fld_deal_title":"Поставка спецодежды — АО «Техностарт»","fld_deal_amount":96400,"fld_deal_stage":"new","fld_deal_client":25,"fld_deal_close_date":"2026-12-20"}');
INSERT INTO public.kt_change VALUES (94, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 34, 'created', NULL, NULL, '{"fld_deal_title":"Renovasi gudang — CV Tunas Baru","fld_deal_amount":38400,"fld_deal_stage":"lost","fld_deal_client":58,"fld_deal_close_date":"2026-11-14"}');
INSERT INTO public.kt_change VALUES (95, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 35, 'created', NULL, NULL, '{"fld_deal_title":"Pengadaan seragam kerja — Agus Susanto","fld_deal_amount":33300,"fld_deal_stage":"new","fld_deal_client":55,"fld_deal_close_date":"2027-01-04"}');
INSERT INTO public.kt_change VALUES (96, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 36, 'created', NULL, NULL, '{"fld_deal_title":"Pengadaan server — Dewi Saputra","fld_deal_amount":107600,"fld_deal_stage":"won","fld_deal_client":30,"fld_deal_close_date":"2026-06-30"}');
INSERT INTO public.kt_change VALUES (97, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 37, 'created', NULL, NULL, '{"fld_deal_title":"Pengiriman kopi arabika — Sri Saputra","fld_deal_amount":67600,"fld_deal_stage":"proposal","fld_deal_client":51,"fld_deal_close_date":"2027-02-13"}');
INSERT INTO public.kt_change VALUES (98, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 38, 'created', NULL, NULL, '{"fld_deal_title":"Kontrak pemeliharaan tahunan — PT Cahaya Nusantara","fld_deal_amount":93600,"fld_deal_stage":"won","fld_deal_client":1,"fld_deal_close_date":"2026-08-21"}');
INSERT INTO public.kt_change VALUES (99, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 39, 'created', NULL, NULL, '{"fld_deal_title":"包装材料订单 — 北京明辉照明有限公司","fld_deal_amount":111200,"fld_deal_stage":"proposal","fld_deal_client":21,"fld_deal_close_date":"2027-02-02"}');
INSERT INTO public.kt_change VALUES (100, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 40, 'created', NULL, NULL, '{"fld_deal_title":"Pengadaan seragam kerja — PT Cahaya Nusantara","fld_deal_amount":119200,"fld_deal_stage":"negotiation","fld_deal_client":1,"fld_deal_close_date":"2027-01-27"}');
INSERT INTO public.kt_change VALUES (101, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 41, 'created', NULL, NULL, '{"fld_deal_title":"Годовой договор на обслуживание — ООО «Полярная звезда»","fld_deal_amount":77000,"fld_deal_stage":"won","fld_deal_client":43,"fld_deal_close_date":"2026-08-26"}');
INSERT INTO public.kt_change VALUES (102, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 42, 'created', NULL, NULL, '{"fld_deal_title":"Materiale de construcții — Ana Dumitru","fld_deal_amount":45200,"fld_deal_stage":"lost","fld_deal_client":18,"fld_deal_close_date":"2026-08-26"}');
INSERT INTO public.kt_change VALUES (103, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 43, 'created', NULL, NULL, '{"fld_deal_title":"Point-of-sale upgrade — Blue Harbour Foods Ltd","fld_deal_amount":23400,"fld_deal_stage":"won","fld_deal_client":27,"fld_deal_close_date":"2026-07-17"}');
INSERT INTO public.kt_change VALUES (104, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 44, 'created', NULL, NULL, '{"fld_deal_title":"Pengiriman kopi arabika — Sri Saputra","fld_deal_amount":4900,"fld_deal_stage":"qualified","fld_deal_client":51,"fld_deal_close_date":"2027-01-20"}');
INSERT INTO public.kt_change VALUES (105, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 45, 'created', NULL, NULL, '{"fld_deal_title":"Office furniture refit — Northwind Traders plc","fld_deal_amount":16500,"fld_deal_stage":"won","fld_deal_client":26,"fld_deal_close_date":"2026-07-06"}');
INSERT INTO public.kt_change VALUES (106, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 46, 'created', NULL, NULL, '{"fld_deal_title":"年度采购合同 — 王敏","fld_deal_amount":75300,"fld_deal_stage":"lost","fld_deal_client":16,"fld_deal_close_date":"2026-11-28"}');
INSERT INTO public.kt_change VALUES (107, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 47, 'created', NULL, NULL, '{"fld_deal_title":"Website redesign — Greenfield Supplies Ltd","fld_deal_amount":11800,"fld_deal_stage":"won","fld_deal_client":48,"fld_deal_close_date":"2026-12-06"}');
INSERT INTO public.kt_change VALUES (108, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 48, 'created', NULL, NULL, '{"fld_deal_title":"Внедрение CRM — ООО «Вектор»","fld_deal_amount":6400,"fld_deal_stage":"new","fld_deal_client":5,"fld_deal_close_date":"2027-01-22"}');
INSERT INTO public.kt_change VALUES (109, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 49, 'created', NULL, NULL, '{"fld_deal_title":"软件许可续订 — 上海鼎盛贸易股份有限公司","fld_deal_amount":80400,"fld_deal_stage":"qualified","fld_deal_client":44,"fld_deal_close_date":"2026-12-10"}');
INSERT INTO public.kt_change VALUES (110, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 50, 'created', NULL, NULL, '{"fld_deal_title":"年度采购合同 — 杭州金桥实业有限公司","fld_deal_amount":90600,"fld_deal_stage":"new","fld_deal_client":3,"fld_deal_close_date":"2027-01-02"}');
INSERT INTO public.kt_change VALUES (111, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 51, 'created', NULL, NULL, '{"fld_deal_title":"Mentenanță anuală — SC Danubius Impex SRL","fld_deal_amount":65300,"fld_deal_stage":"qualified","fld_deal_client":7,"fld_deal_close_date":"2027-02-28"}');
INSERT INTO public.kt_change VALUES (112, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 52, 'created', NULL, NULL, '{"fld_deal_title":"Warehouse shelving — Redwood Packaging Ltd","fld_deal_amount":115600,"fld_deal_stage":"lost","fld_deal_client":32,"fld_deal_close_date":"2026-11-13"}');
INSERT INTO public.kt_change VALUES (113, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 53, 'created', NULL, NULL, '{"fld_deal_title":"Pengadaan server — Dewi Hidayat","fld_deal_amount":32300,"fld_deal_stage":"lost","fld_deal_client":38,"fld_deal_close_date":"2026-08-15"}');
INSERT INTO public.kt_change VALUES (114, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 54, 'created', NULL, NULL, '{"fld_deal_title":"Поставка оборудования — ООО «Полярная звезда»","fld_deal_amount":50400,"fld_deal_stage":"new","fld_deal_client":43,"fld_deal_close_date":"2027-02-26"}');
INSERT INTO public.kt_change VALUES (115, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 55, 'created', NULL, NULL, '{"fld_deal_title":"年度采购合同 — 上海天成机械有限公司","fld_deal_amount":10500,"fld_deal_stage":"won","fld_deal_client":13,"fld_deal_close_date":"2026-08-03"}');
INSERT INTO public.kt_change VALUES (116, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 56, 'created', NULL, NULL, '{"fld_deal_title":"Point-of-sale upgrade — Kingsway Office Ltd","fld_deal_amount":31700,"fld_deal_stage":"new","fld_deal_client":14,"fld_deal_close_date":"2027-02-11"}');
INSERT INTO public.kt_change VALUES (117, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 57, 'created', NULL, NULL, '{"fld_deal_title":"Renovasi gudang — Dewi Hidayat","fld_deal_amount":37500,"fld_deal_stage":"negotiation","fld_deal_client":38,"fld_deal_close_date":"2027-01-08"}');
INSERT INTO public.kt_change VALUES (118, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 58, 'created', NULL, NULL, '{"fld_deal_title":"Licențe software — Maramureș Wood SA","fld_deal_amount":37500,"fld_deal_stage":"proposal","fld_deal_client":6,"fld_deal_close_date":"2026-12-09"}');
INSERT INTO public.kt_change VALUES (119, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 59, 'created', NULL, NULL, '{"fld_deal_title":"Годовой договор на обслуживание — ООО «Агроинвест»","fld_deal_amount":76000,"fld_deal_stage":"new","fld_deal_client":19,"fld_deal_close_date":"2027-01-03"}');
INSERT INTO public.kt_change VALUES (120, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 60, 'created', NULL, NULL, '{"fld_deal_title":"Pengiriman kopi arabika — PT Maju Jaya","fld_deal_amount":102300,"fld_deal_stage":"new","fld_deal_client":24,"fld_deal_close_date":"2027-02-02"}');
INSERT INTO public.kt_change VALUES (121, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 61, 'created', NULL, NULL, '{"fld_deal_title":"Contract de furnizare — Miorița SRL","fld_deal_amount":90300,"fld_deal_stage":"qualified","fld_deal_client":29,"fld_deal_close_date":"2027-02-05"}');
INSERT INTO public.kt_change VALUES (122, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 62, 'created', NULL, NULL, '{"fld_deal_title":"Pengadaan seragam kerja — PT Prima Niaga","fld_deal_amount":80800,"fld_deal_stage":"lost","fld_deal_client":34,"fld_deal_close_date":"2026-10-22"}');
INSERT INTO public.kt_change VALUES (123, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 63, 'created', NULL, NULL, '{"fld_deal_title":"Поставка спецодежды — Татьяна Козлова","fld_deal_amount":19300,"fld_deal_stage":"negotiation","fld_deal_client":10,"fld_deal_close_date":"2027-01-26"}');
INSERT INTO public.kt_change VALUES (124, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 64, 'created', NULL, NULL, '{"fld_deal_title":"Mentenanță anuală — Cristian Popa","fld_deal_amount":43500,"fld_deal_stage":"qualified","fld_deal_client":2,"fld_deal_close_date":"2026-12-24"}');
INSERT INTO public.kt_change VALUES (125, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 65, 'created', NULL, NULL, '{"fld_deal_title":"Kontrak pemeliharaan tahunan — PT Berkah Abadi","fld_deal_amount":107400,"fld_deal_stage":"new","fld_deal_client":23,"fld_deal_close_date":"2027-02-07"}');
INSERT INTO public.kt_change VALUES (126, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 66, 'created', NULL, NULL, '{"fld_deal_title":"Годовой договор на обслуживание — ООО «Вектор»","fld_deal_amount":110900,"fld_deal_stage":"proposal","fld_deal_client":5,"fld_deal_close_date":"2027-02-23"}');
INSERT INTO public.kt_change VALUES (127, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 67, 'created', NULL, NULL, '{"fld_deal_title":"包装材料订单 — 王敏","fld_deal_amount":50900,"fld_deal_stage":"new","fld_deal_client":16,"fld_deal_close_date":"2026-12-02"}');
INSERT INTO public.kt_change VALUES (128, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 68, 'created', NULL, NULL, '{"fld_deal_title":"Аренда складских помещений — Ольга Соколова","fld_deal_amount":91100,"fld_deal_stage":"new","fld_deal_client":53,"fld_deal_close_date":"2026-12-27"}');
INSERT INTO public.kt_change VALUES (129, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 69, 'created', NULL, NULL, '{"fld_deal_title":"Website redesign — Blue Harbour Foods Ltd","fld_deal_amount":111000,"fld_deal_stage":"qualified","fld_deal_client":27,"fld_deal_close_date":"2027-01-31"}');
INSERT INTO public.kt_change VALUES (130, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 70, 'created', NULL, NULL, '{"fld_deal_title":"Pengadaan seragam kerja — PT Cahaya Nusantara","fld_deal_amount":48400,"fld_deal_stage":"qualified","fld_deal_client":1,"fld_deal_close_date":"2027-02-21"}');
INSERT INTO public.kt_change VALUES (131, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 71, 'created', NULL, NULL, '{"fld_deal_title":"Website redesign — Thames Valley Print Ltd","fld_deal_amount":27200,"fld_deal_stage":"new","fld_deal_client":60,"fld_deal_close_date":"2027-02-07"}');
INSERT INTO public.kt_change VALUES (132, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 72, 'created', NULL, NULL, '{"fld_deal_title":"服务器升级项目 — 上海鼎盛贸易有限公司","fld_deal_amount":48600,"fld_deal_stage":"qualified","fld_deal_client":20,"fld_deal_close_date":"2027-02-05"}');
INSERT INTO public.kt_change VALUES (133, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 73, 'created', NULL, NULL, '{"fld_deal_title":"Renovasi gudang — Putri Hidayat","fld_deal_amount":85100,"fld_deal_stage":"won","fld_deal_client":35,"fld_deal_close_date":"2026-08-11"}');
INSERT INTO public.kt_change VALUES (134, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 74, 'created', NULL, NULL, '{"fld_deal_title":"Kontrak pemeliharaan tahunan — Sri Saputra","fld_deal_amount":8000,"fld_deal_stage":"new","fld_deal_client":51,"fld_deal_close_date":"2026-12-25"}');
INSERT INTO public.kt_change VALUES (135, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 75, 'created', NULL, NULL, '{"fld_deal_title":"Годовой договор на обслуживание — ООО «Вектор»","fld_deal_amount":32700,"fld_deal_stage":"proposal","fld_deal_client":5,"fld_deal_close_date":"2027-02-03"}');
INSERT INTO public.kt_change VALUES (136, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 76, 'created', NULL, NULL, '{"fld_deal_title":"Warehouse shelving — Kingsway Office Ltd","fld_deal_amount":43500,"fld_deal_stage":"lost","fld_deal_client":14,"fld_deal_close_date":"2026-07-09"}');
INSERT INTO public.kt_change VALUES (137, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 77, 'created', NULL, NULL, '{"fld_deal_title":"仓储外包服务 — 杭州明辉照明有限公司","fld_deal_amount":12600,"fld_deal_stage":"new","fld_deal_client":15,"fld_deal_close_date":"2027-03-03"}');
INSERT INTO public.kt_change VALUES (138, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 78, 'created', NULL, NULL, '{"fld_deal_title":"包装材料订单 — 上海天成机械有限公司","fld_deal_amount":48800,"fld_deal_stage":"won","fld_deal_client":13,"fld_deal_close_date":"2026-10-13"}');
INSERT INTO public.kt_change VALUES (139, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 79, 'created', NULL, NULL, '{"fld_deal_title":"Fleet telematics pilot — Summit Tools plc","fld_deal_amount":115200,"fld_deal_stage":"won","fld_deal_client":52,"fld_deal_close_date":"2026-06-12"}');
INSERT INTO public.kt_change VALUES (140, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 80, 'created', NULL, NULL, '{"fld_deal_title":"Ambalaje din carton — Ioana Stan","fld_deal_amount":41300,"fld_deal_stage":"proposal","fld_deal_client":31,"fld_deal_close_date":"2027-01-24"}');
INSERT INTO public.kt_change VALUES (141, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 81, 'created', NULL, NULL, '{"fld_deal_title":"Renovasi gudang — Sri Saputra","fld_deal_amount":7000,"fld_deal_stage":"qualified","fld_deal_client":51,"fld_deal_close_date":"2026-12-10"}');
INSERT INTO public.kt_change VALUES (142, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 82, 'created', NULL, NULL, '{"fld_deal_title":"Website redesign — Thames Valley Print Ltd","fld_deal_amount":13200,"fld_deal_stage":"negotiation","fld_deal_client":60,"fld_deal_close_date":"2027-01-02"}');
INSERT INTO public.kt_change VALUES (143, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 83, 'created', NULL, NULL, '{"fld_deal_title":"服务器升级项目 — 杭州金桥实业有限公司","fld_deal_amount":49300,"fld_deal_stage":"new","fld_deal_client":3,"fld_deal_close_date":"2027-03-05"}');
INSERT INTO public.kt_change VALUES (144, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 84, 'created', NULL, NULL, '{"fld_deal_title":"Annual support renewal — Northwind Traders plc","fld_deal_amount":68400,"fld_deal_stage":"won","fld_deal_client":26,"fld_deal_close_date":"2026-10-11"}');
INSERT INTO public.kt_change VALUES (145, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 85, 'created', NULL, NULL, '{"fld_deal_title":"Point-of-sale upgrade — Greenfield Supplies Ltd","fld_deal_amount":72000,"fld_deal_stage":"negotiation","fld_deal_client":48,"fld_deal_close_date":"2027-02-10"}');
INSERT INTO public.kt_change VALUES (146, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 86, 'created', NULL, NULL, '{"fld_deal_title":"Pengadaan seragam kerja — PT Tunas Baru","fld_deal_amount":17600,"fld_deal_stage":"qualified","fld_deal_client":11,"fld_deal_close_date":"2027-02-04"}');
INSERT INTO public.kt_change VALUES (147, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 87, 'created', NULL, NULL, '{"fld_deal_title":"Materiale de construcții — Dunărea SRL","fld_deal_amount":7900,"fld_deal_stage":"new","fld_deal_client":50,"fld_deal_close_date":"2027-02-24"}');
INSERT INTO public.kt_change VALUES (148, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 88, 'created', NULL, NULL, '{"fld_deal_title":"Внедрение CRM — ООО «Полярная звезда»","fld_deal_amount":69600,"fld_deal_stage":"qualified","fld_deal_client":43,"fld_deal_close_date":"2027-02-20"}');
INSERT INTO public.kt_change VALUES (149, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 89, 'created', NULL, NULL, '{"fld_deal_title":"Оптовая партия упаковки — Алексей Иванов","fld_deal_amount":63900,"fld_deal_stage":"negotiation","fld_deal_client":56,"fld_deal_close_date":"2027-02-03"}');
INSERT INTO public.kt_change VALUES (150, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 90, 'created', NULL, NULL, '{"fld_deal_title":"Pengadaan server — PT Surya Gemilang","fld_deal_amount":2700,"fld_deal_stage":"qualified","fld_deal_client":45,"fld_deal_close_date":"2027-02-08"}');
INSERT INTO public.kt_change VALUES (151, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 91, 'created', NULL, NULL, '{"fld_deal_title":"Materiale de construcții — Maramureș Wood SA","fld_deal_amount":84400,"fld_deal_stage":"new","fld_deal_client":6,"fld_deal_close_date":"2027-01-15"}');
INSERT INTO public.kt_change VALUES (278, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 68, 'created', NULL, NULL, '{"fld_task_title":"Emite factura","fld_task_due":"2026-12-07T14:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":2}');
INSERT INTO public.kt_change VALUES (152, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 92, 'created', NULL, NULL, '{"fld_deal_title":"LED照明设备供货 — 杭州明辉照明有限公司","fld_deal_amount":500,"fld_deal_stage":"new","fld_deal_client":15,"fld_deal_close_date":"2026-12-10"}');
INSERT INTO public.kt_change VALUES (153, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 93, 'created', NULL, NULL, '{"fld_deal_title":"Годовой договор на обслуживание — Наталья Иванова","fld_deal_amount":117400,"fld_deal_stage":"proposal","fld_deal_client":41,"fld_deal_close_date":"2027-01-21"}');
INSERT INTO public.kt_change VALUES (154, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 94, 'created', NULL, NULL, '{"fld_deal_title":"Echipamente frigorifice — Miorița SRL","fld_deal_amount":31500,"fld_deal_stage":"new","fld_deal_client":29,"fld_deal_close_date":"2027-02-24"}');
INSERT INTO public.kt_change VALUES (155, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 95, 'created', NULL, NULL, '{"fld_deal_title":"Поставка спецодежды — АО «Меридиан»","fld_deal_amount":14700,"fld_deal_stage":"new","fld_deal_client":4,"fld_deal_close_date":"2026-12-21"}');
INSERT INTO public.kt_change VALUES (156, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 96, 'created', NULL, NULL, '{"fld_deal_title":"Echipamente frigorifice — Danubius Impex SA","fld_deal_amount":51200,"fld_deal_stage":"qualified","fld_deal_client":36,"fld_deal_close_date":"2027-02-27"}');
INSERT INTO public.kt_change VALUES (157, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 97, 'created', NULL, NULL, '{"fld_deal_title":"仓储外包服务 — 宁波恒通进出口股份有限公司","fld_deal_amount":47400,"fld_deal_stage":"qualified","fld_deal_client":42,"fld_deal_close_date":"2026-12-05"}');
INSERT INTO public.kt_change VALUES (158, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 98, 'created', NULL, NULL, '{"fld_deal_title":"Годовой договор на обслуживание — Ольга Соколова","fld_deal_amount":42100,"fld_deal_stage":"lost","fld_deal_client":53,"fld_deal_close_date":"2026-10-13"}');
INSERT INTO public.kt_change VALUES (159, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 99, 'created', NULL, NULL, '{"fld_deal_title":"Pengiriman kopi arabika — PT Maju Jaya","fld_deal_amount":6600,"fld_deal_stage":"proposal","fld_deal_client":24,"fld_deal_close_date":"2026-12-01"}');
INSERT INTO public.kt_change VALUES (160, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 100, 'created', NULL, NULL, '{"fld_deal_title":"Годовой договор на обслуживание — ООО «Полярная звезда»","fld_deal_amount":96100,"fld_deal_stage":"qualified","fld_deal_client":43,"fld_deal_close_date":"2027-01-30"}');
INSERT INTO public.kt_change VALUES (161, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 101, 'created', NULL, NULL, '{"fld_deal_title":"Lisensi perangkat lunak — Dewi Hidayat","fld_deal_amount":90800,"fld_deal_stage":"proposal","fld_deal_client":38,"fld_deal_close_date":"2026-12-22"}');
INSERT INTO public.kt_change VALUES (162, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 102, 'created', NULL, NULL, '{"fld_deal_title":"年度采购合同 — 北京明辉照明有限公司","fld_deal_amount":90100,"fld_deal_stage":"new","fld_deal_client":21,"fld_deal_close_date":"2027-01-14"}');
INSERT INTO public.kt_change VALUES (163, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 103, 'created', NULL, NULL, '{"fld_deal_title":"服务器升级项目 — 上海鼎盛贸易股份有限公司","fld_deal_amount":32200,"fld_deal_stage":"new","fld_deal_client":44,"fld_deal_close_date":"2026-12-28"}');
INSERT INTO public.kt_change VALUES (164, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 104, 'created', NULL, NULL, '{"fld_deal_title":"Licențe software — Ana Dumitru","fld_deal_amount":19000,"fld_deal_stage":"new","fld_deal_client":18,"fld_deal_close_date":"2026-12-28"}');
INSERT INTO public.kt_change VALUES (165, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 105, 'created', NULL, NULL, '{"fld_deal_title":"Office furniture refit — Blue Harbour Foods Ltd","fld_deal_amount":91600,"fld_deal_stage":"won","fld_deal_client":27,"fld_deal_close_date":"2026-10-27"}');
INSERT INTO public.kt_change VALUES (166, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 106, 'created', NULL, NULL, '{"fld_deal_title":"Echipamente frigorifice — Miorița SRL","fld_deal_amount":22900,"fld_deal_stage":"new","fld_deal_client":29,"fld_deal_close_date":"2027-01-17"}');
INSERT INTO public.kt_change VALUES (167, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 107, 'created', NULL, NULL, '{"fld_deal_title":"Kontrak pemeliharaan tahunan — Dewi Hidayat","fld_deal_amount":1000,"fld_deal_stage":"proposal","fld_deal_client":38,"fld_deal_close_date":"2026-12-14"}');
INSERT INTO public.kt_change VALUES (168, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 108, 'created', NULL, NULL, '{"fld_deal_title":"Echipamente frigorifice — Transilvania Trade SA","fld_deal_amount":41100,"fld_deal_stage":"new","fld_deal_client":46,"fld_deal_close_date":"2027-01-03"}');
INSERT INTO public.kt_change VALUES (169, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 109, 'created', NULL, NULL, '{"fld_deal_title":"Fleet telematics pilot — Blue Harbour Foods Ltd","fld_deal_amount":64900,"fld_deal_stage":"new","fld_deal_client":27,"fld_deal_close_date":"2027-03-04"}');
INSERT INTO public.kt_change VALUES (170, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 110, 'created', NULL, NULL, '{"fld_deal_title":"Echipamente frigorifice — Danubius Impex SA","fld_deal_amount":55800,"fld_deal_stage":"new","fld_deal_client":36,"fld_deal_close_date":"2026-12-10"}');
INSERT INTO public.kt_change VALUES (171, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 111, 'created', NULL, NULL, '{"fld_deal_title":"Website redesign — Northwind Traders plc","fld_deal_amount":112500,"fld_deal_stage":"won","fld_deal_client":26,"fld_deal_close_date":"2026-11-27"}');
INSERT INTO public.kt_change VALUES (172, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 112, 'created', NULL, NULL, '{"fld_deal_title":"Поставка оборудования — АО «Вектор»","fld_deal_amount":111700,"fld_deal_stage":"new","fld_deal_client":57,"fld_deal_close_date":"2027-02-22"}');
INSERT INTO public.kt_change VALUES (173, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 113, 'created', NULL, NULL, '{"fld_deal_title":"Годовой договор на обслуживание — Алексей Иванов","fld_deal_amount":76000,"fld_deal_stage":"lost","fld_deal_client":56,"fld_deal_close_date":"2026-08-20"}');
INSERT INTO public.kt_change VALUES (174, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 114, 'created', NULL, NULL, '{"fld_deal_title":"Annual support renewal — Northwind Traders plc","fld_deal_amount":59600,"fld_deal_stage":"new","fld_deal_client":26,"fld_deal_close_date":"2027-02-16"}');
INSERT INTO public.kt_change VALUES (175, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 115, 'created', NULL, NULL, '{"fld_deal_title":"LED照明设备供货 — 北京宏达电子有限公司","fld_deal_amount":11700,"fld_deal_stage":"proposal","fld_deal_client":59,"fld_deal_close_date":"2027-01-11"}');
INSERT INTO public.kt_change VALUES (176, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 116, 'created', NULL, NULL, '{"fld_deal_title":"Echipamente frigorifice — Maria Popescu","fld_deal_amount":70700,"fld_deal_stage":"lost","fld_deal_client":54,"fld_deal_close_date":"2026-09-22"}');
INSERT INTO public.kt_change VALUES (177, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 117, 'created', NULL, NULL, '{"fld_deal_title":"Pengiriman kopi arabika — PT Prima Niaga","fld_deal_amount":109000,"fld_deal_stage":"qualified","fld_deal_client":34,"fld_deal_close_date":"2026-12-31"}');
INSERT INTO public.kt_change VALUES (178, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 118, 'created', NULL, NULL, '{"fld_deal_title":"Pengadaan seragam kerja — Sri Saputra","fld_deal_amount":57400,"fld_deal_stage":"proposal","fld_deal_client":51,"fld_deal_close_date":"2027-02-22"}');
INSERT INTO public.kt_change VALUES (179, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 119, 'created', NULL, NULL, '{"fld_deal_title":"Pengadaan server — PT Surya Gemilang","fld_deal_amount":2900,"fld_deal_stage":"new","fld_deal_client":45,"fld_deal_close_date":"2026-12-28"}');
INSERT INTO public.kt_change VALUES (180, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 120, 'created', NULL, NULL, '{"fld_deal_title":"Fleet telematics pilot — Thames Valley Print Ltd","fld_deal_amount":112600,"fld_deal_stage":"lost","fld_deal_client":60,"fld_deal_close_date":"2026-10-18"}');
INSERT INTO public.kt_change VALUES (181, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 121, 'created', NULL, NULL, '{"fld_deal_title":"Внедрение CRM — АО «Меридиан»","fld_deal_amount":34500,"fld_deal_stage":"new","fld_deal_client":4,"fld_deal_close_date":"2026-12-08"}');
INSERT INTO public.kt_change VALUES (182, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 122, 'created', NULL, NULL, '{"fld_deal_title":"Renovasi gudang — Dewi Hidayat","fld_deal_amount":93400,"fld_deal_stage":"won","fld_deal_client":38,"fld_deal_close_date":"2026-10-30"}');
INSERT INTO public.kt_change VALUES (183, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 123, 'created', NULL, NULL, '{"fld_deal_title":"Внедрение CRM — ООО «Ромашка»","fld_deal_amount":69900,"fld_deal_stage":"proposal","fld_deal_client":12,"fld_deal_close_date":"2026-12-03"}');
INSERT INTO public.kt_change VALUES (184, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 124, 'created', NULL, NULL, '{"fld_deal_title":"服务器升级项目 — 杭州鼎盛贸易股份有限公司","fld_deal_amount":115700,"fld_deal_stage":"new","fld_deal_client":33,"fld_deal_close_date":"2027-02-26"}');
INSERT INTO public.kt_change VALUES (185, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 125, 'created', NULL, NULL, '{"fld_deal_title":"Office furniture refit — Kingsway Office Ltd","fld_deal_amount":81900,"fld_deal_stage":"new","fld_deal_client":14,"fld_deal_close_date":"2026-12-17"}');
INSERT INTO public.kt_change VALUES (186, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 126, 'created', NULL, NULL, '{"fld_deal_title":"年度采购合同 — 上海明辉照明有限公司","fld_deal_amount":71300,"fld_deal_stage":"new","fld_deal_client":47,"fld_deal_close_date":"2027-01-26"}');
INSERT INTO public.kt_change VALUES (187, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 127, 'created', NULL, NULL, '{"fld_deal_title":"Годовой договор на обслуживание — ООО «Ромашка»","fld_deal_amount":59500,"fld_deal_stage":"new","fld_deal_client":12,"fld_deal_close_date":"2027-02-21"}');
INSERT INTO public.kt_change VALUES (188, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 128, 'created', NULL, NULL, '{"fld_deal_title":"Renovasi gudang — Dewi Saputra","fld_deal_amount":45900,"fld_deal_stage":"won","fld_deal_client":30,"fld_deal_close_date":"2026-08-16"}');
INSERT INTO public.kt_change VALUES (189, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 129, 'created', NULL, NULL, '{"fld_deal_title":"Warehouse shelving — Summit Tools plc","fld_deal_amount":15000,"fld_deal_stage":"qualified","fld_deal_client":52,"fld_deal_close_date":"2027-03-03"}');
INSERT INTO public.kt_change VALUES (190, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 130, 'created', NULL, NULL, '{"fld_deal_title":"Kontrak pemeliharaan tahunan — Sri Saputra","fld_deal_amount":112400,"fld_deal_stage":"qualified","fld_deal_client":51,"fld_deal_close_date":"2026-12-21"}');
INSERT INTO public.kt_change VALUES (191, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 131, 'created', NULL, NULL, '{"fld_deal_title":"Echipamente frigorifice — Cristian Popa","fld_deal_amount":57600,"fld_deal_stage":"proposal","fld_deal_client":2,"fld_deal_close_date":"2027-02-23"}');
INSERT INTO public.kt_change VALUES (192, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 132, 'created', NULL, NULL, '{"fld_deal_title":"Pengadaan seragam kerja — PT Cahaya Nusantara","fld_deal_amount":109000,"fld_deal_stage":"qualified","fld_deal_client":1,"fld_deal_close_date":"2027-03-06"}');
INSERT INTO public.kt_change VALUES (193, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 133, 'created', NULL, NULL, '{"fld_deal_title":"包装材料订单 — 上海鼎盛贸易股份有限公司","fld_deal_amount":60000,"fld_deal_stage":"lost","fld_deal_client":44,"fld_deal_close_date":"2026-11-14"}');
INSERT INTO public.kt_change VALUES (194, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 134, 'created', NULL, NULL, '{"fld_deal_title":"Годовой договор на обслуживание — ООО «Волга-Трейд»","fld_deal_amount":82000,"fld_deal_stage":"lost","fld_deal_client":40,"fld_deal_close_date":"2026-06-10"}');
INSERT INTO public.kt_change VALUES (195, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 135, 'created', NULL, NULL, '{"fld_deal_title":"Оптовая партия упаковки — Ольга Соколова","fld_deal_amount":107900,"fld_deal_stage":"won","fld_deal_client":53,"fld_deal_close_date":"2026-12-03"}');
INSERT INTO public.kt_change VALUES (196, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 136, 'created', NULL, NULL, '{"fld_deal_title":"Materiale de construcții — Ioana Stan","fld_deal_amount":105300,"fld_deal_stage":"new","fld_deal_client":31,"fld_deal_close_date":"2027-01-11"}');
INSERT INTO public.kt_change VALUES (197, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 137, 'created', NULL, NULL, '{"fld_deal_title":"Kontrak pemeliharaan tahunan — PT Tunas Baru","fld_deal_amount":1500,"fld_deal_stage":"negotiation","fld_deal_client":11,"fld_deal_close_date":"2027-01-18"}');
INSERT INTO public.kt_change VALUES (198, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 138, 'created', NULL, NULL, '{"fld_deal_title":"服务器升级项目 — 北京明辉照明有限公司","fld_deal_amount":30400,"fld_deal_stage":"lost","fld_deal_client":21,"fld_deal_close_date":"2026-09-24"}');
INSERT INTO public.kt_change VALUES (199, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 139, 'created', NULL, NULL, '{"fld_deal_title":"Оптовая партия упаковки — АО «Вектор»","fld_deal_amount":4700,"fld_deal_stage":"negotiation","fld_deal_client":57,"fld_deal_close_date":"2027-02-06"}');
INSERT INTO public.kt_change VALUES (200, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 140, 'created', NULL, NULL, '{"fld_deal_title":"Внедрение CRM — Ольга Соколова","fld_deal_amount":110900,"fld_deal_stage":"won","fld_deal_client":53,"fld_deal_close_date":"2026-11-18"}');
INSERT INTO public.kt_change VALUES (201, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 141, 'created', NULL, NULL, '{"fld_deal_title":"Pengiriman kopi arabika — PT Surya Gemilang","fld_deal_amount":110200,"fld_deal_stage":"new","fld_deal_client":45,"fld_deal_close_date":"2026-12-19"}');
INSERT INTO public.kt_change VALUES (202, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 142, 'created', NULL, NULL, '{"fld_deal_title":"Внедрение CRM — Ольга Соколова","fld_deal_amount":107200,"fld_deal_stage":"won","fld_deal_client":53,"fld_deal_close_date":"2026-09-11"}');
INSERT INTO public.kt_change VALUES (203, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 143, 'created', NULL, NULL, '{"fld_deal_title":"Fleet telematics pilot — Summit Tools Ltd","fld_deal_amount":111000,"fld_deal_stage":"qualified","fld_deal_client":9,"fld_deal_close_date":"2026-12-21"}');
INSERT INTO public.kt_change VALUES (204, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 144, 'created', NULL, NULL, '{"fld_deal_title":"Ambalaje din carton — Maria Popescu","fld_deal_amount":97600,"fld_deal_stage":"proposal","fld_deal_client":54,"fld_deal_close_date":"2027-01-13"}');
INSERT INTO public.kt_change VALUES (205, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 145, 'created', NULL, NULL, '{"fld_deal_title":"LED照明设备供货 — 杭州鼎盛贸易股份有限公司","fld_deal_amount":25400,"fld_deal_stage":"new","fld_deal_client":33,"fld_deal_close_date":"2026-12-30"}');
INSERT INTO public.kt_change VALUES (206, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 146, 'created', NULL, NULL, '{"fld_deal_title":"Website redesign — Thames Valley Print Ltd","fld_deal_amount":91200,"fld_deal_stage":"proposal","fld_deal_client":60,"fld_deal_close_date":"2027-01-15"}');
INSERT INTO public.kt_change VALUES (207, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 147, 'created', NULL, NULL, '{"fld_deal_title":"Аренда складских помещений — Татьяна Козлова","fld_deal_amount":34500,"fld_deal_stage":"new","fld_deal_client":10,"fld_deal_close_date":"2027-01-13"}');
INSERT INTO public.kt_change VALUES (208, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 148, 'created', NULL, NULL, '{"fld_deal_title":"Ambalaje din carton — Dunărea SRL","fld_deal_amount":119600,"fld_deal_stage":"qualified","fld_deal_client":50,"fld_deal_close_date":"2027-03-06"}');
INSERT INTO public.kt_change VALUES (209, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 149, 'created', NULL, NULL, '{"fld_deal_title":"Annual support renewal — Summit Tools plc","fld_deal_amount":73600,"fld_deal_stage":"proposal","fld_deal_client":52,"fld_deal_close_date":"2027-01-21"}');
INSERT INTO public.kt_change VALUES (210, '2026-12-07 21:38:29.072985+00', 1, 'ent_deal', 150, 'created', NULL, NULL, '{"fld_deal_title":"Pengadaan server — PT Berkah Abadi","fld_deal_amount":101900,"fld_deal_stage":"qualified","fld_deal_client":23,"fld_deal_close_date":"2027-02-13"}');
INSERT INTO public.kt_change VALUES (211, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 1, 'created', NULL, NULL, '{"fld_task_title":"安排会议","fld_task_due":"2026-11-16T10:00:00Z","fld_task_done":true,"fld_task_assignee":1,"fld_task_client":21,"fld_task_deal":5}');
INSERT INTO public.kt_change VALUES (212, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 2, 'created', NULL, NULL, '{"fld_task_title":"Send the proposal","fld_task_due":"2026-12-27T17:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":9,"fld_task_deal":143}');
INSERT INTO public.kt_change VALUES (213, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 3, 'created', NULL, NULL, '{"fld_task_title":"Jadwalkan pertemuan","fld_task_due":"2026-11-27T10:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":23}');
INSERT INTO public.kt_change VALUES (214, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 4, 'created', NULL, NULL, '{"fld_task_title":"Trimite oferta","fld_task_due":"2026-12-08T11:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":31}');
INSERT INTO public.kt_change VALUES (215, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 5, 'created', NULL, NULL, '{"fld_task_title":"Kirim faktur","fld_task_due":"2026-11-22T15:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":24,"fld_task_deal":99}');
INSERT INTO public.kt_change VALUES (216, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 6, 'created', NULL, NULL, '{"fld_task_title":"准备合同","fld_task_due":"2026-11-26T12:30:00Z","fld_task_done":true,"fld_task_assignee":1,"fld_task_client":21,"fld_task_deal":39}');
INSERT INTO public.kt_change VALUES (217, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 7, 'created', NULL, NULL, '{"fld_task_title":"Confirm the delivery date","fld_task_due":"2026-11-27T16:00:00Z","fld_task_done":true,"fld_task_assignee":1,"fld_task_client":32,"fld_task_deal":11}');
INSERT INTO public.kt_change VALUES (218, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 8, 'created', NULL, NULL, '{"fld_task_title":"Siapkan kontrak","fld_task_due":"2026-12-21T11:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":51}');
INSERT INTO public.kt_change VALUES (219, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 9, 'created', NULL, NULL, '{"fld_task_title":"Отправить коммерческое предложение","fld_task_due":"2027-01-05T10:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":25}');
INSERT INTO public.kt_change VALUES (220, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 10, 'created', NULL, NULL, '{"fld_task_title":"准备合同","fld_task_due":"2026-12-01T11:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":47}');
INSERT INTO public.kt_change VALUES (221, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 11, 'created', NULL, NULL, '{"fld_task_title":"Jadwalkan pertemuan","fld_task_due":"2026-11-21T11:30:00Z","fld_task_done":true,"fld_task_assignee":1,"fld_task_client":11}');
INSERT INTO public.kt_change VALUES (222, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 12, 'created', NULL, NULL, '{"fld_task_title":"Назначить встречу","fld_task_due":"2026-10-11T10:30:00Z","fld_task_done":true,"fld_task_assignee":1,"fld_task_client":40}');
INSERT INTO public.kt_change VALUES (223, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 13, 'created', NULL, NULL, '{"fld_task_title":"Prepare the contract","fld_task_due":"2026-12-18T13:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":60,"fld_task_deal":82}');
INSERT INTO public.kt_change VALUES (224, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 14, 'created', NULL, NULL, '{"fld_task_title":"给客户打电话","fld_task_due":"2026-11-25T14:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":16}');
INSERT INTO public.kt_change VALUES (225, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 15, 'created', NULL, NULL, '{"fld_task_title":"Sună clientul","fld_task_due":"2026-12-10T17:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":7}');
INSERT INTO public.kt_change VALUES (226, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 16, 'created', NULL, NULL, '{"fld_task_title":"Kirim penawaran harga","fld_task_due":"2027-01-06T12:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":34,"fld_task_deal":62}');
INSERT INTO public.kt_change VALUES (227, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 17, 'created', NULL, NULL, '{"fld_task_title":"Book a demo meeting","fld_task_due":"2026-12-08T14:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":26,"fld_task_deal":84}');
INSERT INTO public.kt_change VALUES (228, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 18, 'created', NULL, NULL, '{"fld_task_title":"Call back about the invoice","fld_task_due":"2026-12-11T12:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":8}');
INSERT INTO public.kt_change VALUES (229, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 19, 'created', NULL, NULL, '{"fld_task_title":"Programează o întâlnire","fld_task_due":"2026-11-22T11:30:00Z","fld_task_done":true,"fld_task_assignee":1,"fld_task_client":36,"fld_task_deal":110}');
INSERT INTO public.kt_change VALUES (230, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 20, 'created', NULL, NULL, '{"fld_task_title":"确认发货时间","fld_task_due":"2026-11-26T14:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":47,"fld_task_deal":126}');
INSERT INTO public.kt_change VALUES (231, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 21, 'created', NULL, NULL, '{"fld_task_title":"Jadwalkan pertemuan","fld_task_due":"2026-12-14T10:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":34,"fld_task_deal":20}');
INSERT INTO public.kt_change VALUES (232, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 22, 'created', NULL, NULL, '{"fld_task_title":"Chase the payment","fld_task_due":"2026-10-23T12:00:00Z","fld_task_done":true,"fld_task_assignee":1,"fld_task_client":9}');
INSERT INTO public.kt_change VALUES (233, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 23, 'created', NULL, NULL, '{"fld_task_title":"Confirmă livrarea","fld_task_due":"2026-12-15T15:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":2,"fld_task_deal":64}');
INSERT INTO public.kt_change VALUES (234, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 24, 'created', NULL, NULL, '{"fld_task_title":"Send the proposal","fld_task_due":"2026-12-09T11:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":27,"fld_task_deal":69}');
INSERT INTO public.kt_change VALUES (235, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 25, 'created', NULL, NULL, '{"fld_task_title":"Отправить коммерческое предложение","fld_task_due":"2026-12-14T09:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":41,"fld_task_deal":93}');
INSERT INTO public.kt_change VALUES (236, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 26, 'created', NULL, NULL, '{"fld_task_title":"发送报价单","fld_task_due":"2026-12-06T15:30:00Z","fld_task_done":true,"fld_task_assignee":1,"fld_task_client":59}');
INSERT INTO public.kt_change VALUES (237, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 27, 'created', NULL, NULL, '{"fld_task_title":"Telepon klien","fld_task_due":"2026-12-07T16:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":51}');
INSERT INTO public.kt_change VALUES (238, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 28, 'created', NULL, NULL, '{"fld_task_title":"Отправить коммерческое предложение","fld_task_due":"2027-01-01T09:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":43,"fld_task_deal":54}');
INSERT INTO public.kt_change VALUES (239, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 29, 'created', NULL, NULL, '{"fld_task_title":"准备合同","fld_task_due":"2026-12-01T13:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":44,"fld_task_deal":133}');
INSERT INTO public.kt_change VALUES (240, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 30, 'created', NULL, NULL, '{"fld_task_title":"Emite factura","fld_task_due":"2026-12-15T14:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":54,"fld_task_deal":144}');
INSERT INTO public.kt_change VALUES (241, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 31, 'created', NULL, NULL, '{"fld_task_title":"安排会议","fld_task_due":"2026-12-10T16:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":42}');
INSERT INTO public.kt_change VALUES (242, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 32, 'created', NULL, NULL, '{"fld_task_title":"开具发票","fld_task_due":"2026-12-04T12:30:00Z","fld_task_done":true,"fld_task_assignee":1,"fld_task_client":33,"fld_task_deal":124}');
INSERT INTO public.kt_change VALUES (243, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 33, 'created', NULL, NULL, '{"fld_task_title":"给客户打电话","fld_task_due":"2026-11-13T10:30:00Z","fld_task_done":true,"fld_task_assignee":1,"fld_task_client":20,"fld_task_deal":72}');
INSERT INTO public.kt_change VALUES (244, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 34, 'created', NULL, NULL, '{"fld_task_title":"Jadwalkan pertemuan","fld_task_due":"2026-10-27T10:00:00Z","fld_task_done":true,"fld_task_assignee":1,"fld_task_client":24,"fld_task_deal":60}');
INSERT INTO public.kt_change VALUES (245, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 35, 'created', NULL, NULL, '{"fld_task_title":"Trimite oferta","fld_task_due":"2026-12-07T10:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":46,"fld_task_deal":7}');
INSERT INTO public.kt_change VALUES (246, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 36, 'created', NULL, NULL, '{"fld_task_title":"准备合同","fld_task_due":"2026-12-02T17:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":42}');
INSERT INTO public.kt_change VALUES (247, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 37, 'created', NULL, NULL, '{"fld_task_title":"Call back about the invoice","fld_task_due":"2026-12-05T13:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":48}');
INSERT INTO public.kt_change VALUES (248, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 38, 'created', NULL, NULL, '{"fld_task_title":"Уточнить сроки поставки","fld_task_due":"2026-10-14T11:30:00Z","fld_task_done":true,"fld_task_assignee":1,"fld_task_client":53}');
INSERT INTO public.kt_change VALUES (249, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 39, 'created', NULL, NULL, '{"fld_task_title":"Jadwalkan pertemuan","fld_task_due":"2026-11-18T10:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":34,"fld_task_deal":117}');
INSERT INTO public.kt_change VALUES (250, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 40, 'created', NULL, NULL, '{"fld_task_title":"开具发票","fld_task_due":"2026-12-07T13:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":3,"fld_task_deal":50}');
INSERT INTO public.kt_change VALUES (251, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 41, 'created', NULL, NULL, '{"fld_task_title":"Programează o întâlnire","fld_task_due":"2026-12-12T13:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":36}');
INSERT INTO public.kt_change VALUES (252, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 42, 'created', NULL, NULL, '{"fld_task_title":"Jadwalkan pertemuan","fld_task_due":"2026-12-01T13:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":24,"fld_task_deal":60}');
INSERT INTO public.kt_change VALUES (253, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 43, 'created', NULL, NULL, '{"fld_task_title":"Book a demo meeting","fld_task_due":"2026-12-24T16:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":32}');
INSERT INTO public.kt_change VALUES (254, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 44, 'created', NULL, NULL, '{"fld_task_title":"安排会议","fld_task_due":"2026-12-04T12:30:00Z","fld_task_done":true,"fld_task_assignee":1,"fld_task_client":47,"fld_task_deal":126}');
INSERT INTO public.kt_change VALUES (255, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 45, 'created', NULL, NULL, '{"fld_task_title":"准备合同","fld_task_due":"2026-11-07T15:00:00Z","fld_task_done":true,"fld_task_assignee":1,"fld_task_client":20,"fld_task_deal":31}');
INSERT INTO public.kt_change VALUES (256, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 46, 'created', NULL, NULL, '{"fld_task_title":"Siapkan kontrak","fld_task_due":"2026-10-14T14:30:00Z","fld_task_done":true,"fld_task_assignee":1,"fld_task_client":1}');
INSERT INTO public.kt_change VALUES (257, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 47, 'created', NULL, NULL, '{"fld_task_title":"Jadwalkan pertemuan","fld_task_due":"2026-12-29T13:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":35,"fld_task_deal":73}');
INSERT INTO public.kt_change VALUES (258, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 48, 'created', NULL, NULL, '{"fld_task_title":"Выставить счёт","fld_task_due":"2026-12-11T14:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":4}');
INSERT INTO public.kt_change VALUES (259, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 49, 'created', NULL, NULL, '{"fld_task_title":"Telepon klien","fld_task_due":"2026-12-07T09:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":38,"fld_task_deal":122}');
INSERT INTO public.kt_change VALUES (260, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 50, 'created', NULL, NULL, '{"fld_task_title":"Назначить встречу","fld_task_due":"2026-12-07T15:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":43,"fld_task_deal":17}');
INSERT INTO public.kt_change VALUES (261, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 51, 'created', NULL, NULL, '{"fld_task_title":"开具发票","fld_task_due":"2026-12-30T16:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":47,"fld_task_deal":18}');
INSERT INTO public.kt_change VALUES (262, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 52, 'created', NULL, NULL, '{"fld_task_title":"安排会议","fld_task_due":"2026-12-09T09:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":33,"fld_task_deal":16}');
INSERT INTO public.kt_change VALUES (263, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 53, 'created', NULL, NULL, '{"fld_task_title":"Call back about the invoice","fld_task_due":"2026-12-17T17:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":26,"fld_task_deal":111}');
INSERT INTO public.kt_change VALUES (264, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 54, 'created', NULL, NULL, '{"fld_task_title":"发送报价单","fld_task_due":"2026-11-23T17:00:00Z","fld_task_done":true,"fld_task_assignee":1,"fld_task_client":20,"fld_task_deal":72}');
INSERT INTO public.kt_change VALUES (265, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 55, 'created', NULL, NULL, '{"fld_task_title":"Pregătește contractul","fld_task_due":"2026-12-16T14:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":50}');
INSERT INTO public.kt_change VALUES (266, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 56, 'created', NULL, NULL, '{"fld_task_title":"Siapkan kontrak","fld_task_due":"2026-11-27T14:30:00Z","fld_task_done":true,"fld_task_assignee":1,"fld_task_client":1,"fld_task_deal":38}');
INSERT INTO public.kt_change VALUES (267, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 57, 'created', NULL, NULL, '{"fld_task_title":"Telepon klien","fld_task_due":"2026-12-23T10:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":34}');
INSERT INTO public.kt_change VALUES (268, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 58, 'created', NULL, NULL, '{"fld_task_title":"确认发货时间","fld_task_due":"2027-01-01T17:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":33,"fld_task_deal":124}');
INSERT INTO public.kt_change VALUES (269, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 59, 'created', NULL, NULL, '{"fld_task_title":"Назначить встречу","fld_task_due":"2027-01-05T16:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":4,"fld_task_deal":14}');
INSERT INTO public.kt_change VALUES (270, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 60, 'created', NULL, NULL, '{"fld_task_title":"Emite factura","fld_task_due":"2026-11-24T14:30:00Z","fld_task_done":true,"fld_task_assignee":1,"fld_task_client":37,"fld_task_deal":32}');
INSERT INTO public.kt_change VALUES (271, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 61, 'created', NULL, NULL, '{"fld_task_title":"Programează o întâlnire","fld_task_due":"2026-12-07T13:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":46}');
INSERT INTO public.kt_change VALUES (272, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 62, 'created', NULL, NULL, '{"fld_task_title":"Prepare the contract","fld_task_due":"2026-11-21T17:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":32,"fld_task_deal":11}');
INSERT INTO public.kt_change VALUES (273, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 63, 'created', NULL, NULL, '{"fld_task_title":"Согласовать договор","fld_task_due":"2026-11-09T11:00:00Z","fld_task_done":true,"fld_task_assignee":1,"fld_task_client":25}');
INSERT INTO public.kt_change VALUES (274, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 64, 'created', NULL, NULL, '{"fld_task_title":"确认发货时间","fld_task_due":"2027-01-03T17:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":13}');
INSERT INTO public.kt_change VALUES (275, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 65, 'created', NULL, NULL, '{"fld_task_title":"Pregătește contractul","fld_task_due":"2026-12-09T09:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":7}');
INSERT INTO public.kt_change VALUES (276, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 66, 'created', NULL, NULL, '{"fld_task_title":"Konfirmasi pengiriman","fld_task_due":"2026-12-19T16:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":11,"fld_task_deal":86}');
INSERT INTO public.kt_change VALUES (277, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 67, 'created', NULL, NULL, '{"fld_task_title":"Emite factura","fld_task_due":"2026-11-28T13:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":29,"fld_task_deal":94}');
INSERT INTO public.kt_change VALUES (279, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 69, 'created', NULL, NULL, '{"fld_task_title":"Confirmă livrarea","fld_task_due":"2026-11-02T12:30:00Z","fld_task_done":true,"fld_task_assignee":1,"fld_task_client":18,"fld_task_deal":42}');
INSERT INTO public.kt_change VALUES (280, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 70, 'created', NULL, NULL, '{"fld_task_title":"Siapkan kontrak","fld_task_due":"2026-12-07T09:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":51,"fld_task_deal":44}');
INSERT INTO public.kt_change VALUES (281, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 71, 'created', NULL, NULL, '{"fld_task_title":"Назначить встречу","fld_task_due":"2026-12-06T09:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":53,"fld_task_deal":135}');
INSERT INTO public.kt_change VALUES (282, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 72, 'created', NULL, NULL, '{"fld_task_title":"Siapkan kontrak","fld_task_due":"2026-12-29T10:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":30}');
INSERT INTO public.kt_change VALUES (283, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 73, 'created', NULL, NULL, '{"fld_task_title":"Назначить встречу","fld_task_due":"2027-01-04T13:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":19}');
INSERT INTO public.kt_change VALUES (284, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 74, 'created', NULL, NULL, '{"fld_task_title":"Confirm the delivery date","fld_task_due":"2026-12-13T12:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":32,"fld_task_deal":11}');
INSERT INTO public.kt_change VALUES (285, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 75, 'created', NULL, NULL, '{"fld_task_title":"开具发票","fld_task_due":"2026-12-27T13:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":3,"fld_task_deal":13}');
INSERT INTO public.kt_change VALUES (286, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 76, 'created', NULL, NULL, '{"fld_task_title":"Telepon klien","fld_task_due":"2026-10-20T17:00:00Z","fld_task_done":true,"fld_task_assignee":1,"fld_task_client":34,"fld_task_deal":117}');
INSERT INTO public.kt_change VALUES (287, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 77, 'created', NULL, NULL, '{"fld_task_title":"确认发货时间","fld_task_due":"2026-11-29T09:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":13,"fld_task_deal":55}');
INSERT INTO public.kt_change VALUES (288, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 78, 'created', NULL, NULL, '{"fld_task_title":"Confirmă livrarea","fld_task_due":"2026-12-01T11:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":2,"fld_task_deal":64}');
INSERT INTO public.kt_change VALUES (289, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 79, 'created', NULL, NULL, '{"fld_task_title":"Позвонить по поводу оплаты","fld_task_due":"2027-01-04T16:00:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":53}');
INSERT INTO public.kt_change VALUES (290, '2026-12-07 21:38:29.095667+00', 1, 'ent_task', 80, 'created', NULL, NULL, '{"fld_task_title":"确认发货时间","fld_task_due":"2026-12-21T15:30:00Z","fld_task_done":false,"fld_task_assignee":1,"fld_task_client":49}');


--
-- Data for Name: kt_index_job; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: kt_job; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: kt_login_failure; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: kt_schema_trash; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: kt_schema_version; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.kt_schema_version VALUES (1, 'demo', '2026-12-07 21:38:29.044196+00', 'created the app', '{"entities": [{"id": "ent_client", "name": "client", "label": "Client", "plural": "Clients", "title_field": "name", "fields": [{"id": "fld_client_name", "name": "name", "type": "text", "label": "Name", "required": true}, {"id": "fld_client_email", "name": "email", "type": "email", "label": "Email", "unique": true}, {"id": "fld_client_phone", "name": "phone", "type": "phone", "label": "Phone"}, {"id": "fld_client_city", "name": "city", "type": "text", "label": "City"}, {"id": "fld_client_status", "name": "status", "type": "select", "label": "Status", "default": "lead", "options": [{"value": "lead", "label": "Lead", "color": "#6b7280"}, {"value": "active", "label": "Active", "color": "#16a34a"}, {"value": "vip", "label": "VIP", "color": "#9333ea"}, {"value": "lost", "label": "Lost", "color": "#dc2626"}]}]}, {"id": "ent_deal", "name": "deal", "label": "Deal", "plural": "Deals", "title_field": "title", "fields": [{"id": "fld_deal_title", "name": "title", "type": "text", "label": "Title", "required": true}, {"id": "fld_deal_amount", "name": "amount", "type": "money", "label": "Amount", "currency": "USD"}, {"id": "fld_deal_stage", "name": "stage", "type": "stage", "label": "Stage", "default": "new", "options": [{"value": "new", "label": "New", "probability": 10}, {"value": "qualified", "label": "Qualified", "probability": 25}, {"value": "proposal", "label": "Proposal", "probability": 50}, {"value": "negotiation", "label": "Negotiation", "probability": 75}, {"value": "won", "label": "Won", "probability": 100}, {"value": "lost", "label": "Lost", "probability": 0}], "won": ["won"], "lost": ["lost"]}, {"id": "fld_deal_client", "name": "client", "type": "link", "label": "Client", "to": "client", "inverse": "deals", "on_delete": "restrict"}, {"id": "fld_deal_close_date", "name": "close_date", "type": "date", "label": "Close date"}], "indexes": [{"fields": ["stage", "amount"]}]}, {"id": "ent_task", "name": "task", "label": "Task", "plural": "Tasks", "title_field": "title", "timeline": true, "role": "task", "due_field": "due", "done_field": "done", "assignee_field": "assignee", "indexes": [{"fields": ["assignee", "done", "due"]}], "fields": [{"id": "fld_task_title", "name": "title", "type": "text", "label": "Title", "required": true}, {"id": "fld_task_due", "name": "due", "type": "datetime", "label": "Due"}, {"id": "fld_task_done", "name": "done", "type": "boolean", "label": "Done", "default": false}, {"id": "fld_task_assignee", "name": "assignee", "type": "user", "label": "Assignee", "default": "$me"}, {"id": "fld_task_client", "name": "client", "type": "link", "label": "Client", "to": "client", "inverse": "tasks", "on_delete": "cascade"}, {"id": "fld_task_deal", "name": "deal", "type": "link", "label": "Deal", "to": "deal", "inverse": "tasks", "on_delete": "cascade"}]}], "documents": [{"name": "proposal", "label": "Commercial proposal", "entity": "deal", "filename": "Proposal {{ record.title }}", "template": "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Commercial proposal: {{ record.title }}</title>\n<style>\n  @page { size: A4; margin: 20mm 18mm; }\n  body { font-family: \"DejaVu Sans\", \"Liberation Sans\", Arial, sans-serif; font-size: 10.5pt;\n         color: #1f2933; line-height: 1.5; margin: 0; }\n  .head { width: 100%; border-collapse: collapse; border-bottom: 2pt solid #2b6cb0; margin-bottom: 20pt; }\n  .head td { padding: 0 0 8pt 0; vertical-align: bottom; }\n  .brand { font-size: 16pt; font-weight: bold; color: #2b6cb0; }\n  .meta { text-align: right; color: #52606d; }\n  h1 { font-size: 18pt; margin: 0 0 4pt 0; }\n  .to { margin: 0 0 18pt 0; color: #52606d; }\n  .offer { width: 100%; border-collapse: collapse; margin: 16pt 0; }\n  .offer th { text-align: left; border-bottom: 1pt solid #9aa5b1; padding: 6pt 4pt; font-size: 9pt;\n              text-transform: uppercase; letter-spacing: 0.5pt; color: #52606d; }\n  .offer td { padding: 8pt 4pt; border-bottom: 1pt solid #e4e7eb; }\n  .offer .amount { text-align: right; white-space: nowrap; }\n  .offer .total td { font-weight: bold; font-size: 12pt; border-bottom: none; }\n  .signatures { width: 100%; margin-top: 48pt; border-collapse: collapse; }\n  .signatures td { width: 50%; padding-right: 24pt; vertical-align: top; color: #52606d; }\n  .line { border-bottom: 1pt solid #1f2933; height: 28pt; margin-bottom: 4pt; }\n</style>\n</head>\n<body>\n  <table class=\"head\"><tr>\n    <td class=\"brand\">Commercial proposal</td>\n    <td class=\"meta\">No. {{ record.id }}<br>{{ now|date }}</td>\n  </tr></table>\n  <h1>{{ record.title }}</h1>\n  <p class=\"to\">For <strong>{{ record.client.name or \"our client\" }}</strong>{% if record.client.city %}, {{ record.client.city }}{% endif %}</p>\n  <p>Dear {{ record.client.name or \"client\" }},</p>\n  <p>Thank you for your interest. We are pleased to offer you the following:</p>\n  <table class=\"offer\">\n    <tr><th>Description</th><th class=\"amount\">Amount</th></tr>\n    <tr><td>{{ record.title }}</td><td class=\"amount\">{{ record.amount|money(\"USD\") }}</td></tr>\n    <tr class=\"total\"><td>Total</td><td class=\"amount\">{{ record.amount|money(\"USD\") }}</td></tr>\n  </table>\n  {% if record.close_date %}<p>This proposal is valid until {{ record.close_date|date }}.</p>{% endif %}\n  <p>We look forward to working with you.</p>\n  <table class=\"signatures\"><tr>\n    <td><div class=\"line\"></div>For the supplier: name, signature, date</td>\n    <td><div class=\"line\"></div>For {{ record.client.name or \"the client\" }}: name, signature, date</td>\n  </tr></table>\n</body>\n</html>\n"}], "automations": [{"name": "Proposal: document and follow-up", "entity": "deal", "when": {"event": "stage_entered", "field": "stage", "value": "proposal"}, "do": [{"action": "render_document", "template": "proposal"}, {"action": "create_record", "entity": "task", "values": {"title": "Follow up on the proposal", "due": "+3d", "deal": "{{ record.id }}", "client": "{{ record.client.id }}", "assignee": "{{ record.owner.id if record.owner else '''' }}"}}]}, {"name": "Won: call the client in a month", "entity": "deal", "when": {"event": "stage_entered", "field": "stage", "value": "won"}, "do": [{"action": "create_record", "entity": "task", "values": {"title": "Call the client", "due": "+30d", "deal": "{{ record.id }}", "client": "{{ record.client.id }}", "assignee": "{{ record.owner.id if record.owner else '''' }}"}}]}]}');
INSERT INTO public.kt_schema_version VALUES (2, 'demo', '2026-12-07 21:38:30.138013+00', 'a webhook to the warehouse', '{"entities": [{"id": "ent_client", "name": "client", "label": "Client", "plural": "Clients", "title_field": "name", "fields": [{"id": "fld_client_name", "name": "name", "type": "text", "label": "Name", "required": true}, {"id": "fld_client_email", "name": "email", "type": "email", "label": "Email", "unique": true}, {"id": "fld_client_phone", "name": "phone", "type": "phone", "label": "Phone"}, {"id": "fld_client_city", "name": "city", "type": "text", "label": "City"}, {"id": "fld_client_status", "name": "status", "type": "select", "label": "Status", "default": "lead", "options": [{"value": "lead", "label": "Lead", "color": "#6b7280"}, {"value": "active", "label": "Active", "color": "#16a34a"}, {"value": "vip", "label": "VIP", "color": "#9333ea"}, {"value": "lost", "label": "Lost", "color": "#dc2626"}]}]}, {"id": "ent_deal", "name": "deal", "label": "Deal", "plural": "Deals", "title_field": "title", "fields": [{"id": "fld_deal_title", "name": "title", "type": "text", "label": "Title", "required": true}, {"id": "fld_deal_amount", "name": "amount", "type": "money", "label": "Amount", "currency": "USD"}, {"id": "fld_deal_stage", "name": "stage", "type": "stage", "label": "Stage", "default": "new", "options": [{"value": "new", "label": "New", "probability": 10}, {"value": "qualified", "label": "Qualified", "probability": 25}, {"value": "proposal", "label": "Proposal", "probability": 50}, {"value": "negotiation", "label": "Negotiation", "probability": 75}, {"value": "won", "label": "Won", "probability": 100}, {"value": "lost", "label": "Lost", "probability": 0}], "won": ["won"], "lost": ["lost"]}, {"id": "fld_deal_client", "name": "client", "type": "link", "label": "Client", "to": "client", "inverse": "deals", "on_delete": "restrict"}, {"id": "fld_deal_close_date", "name": "close_date", "type": "date", "label": "Close date"}], "indexes": [{"fields": ["stage", "amount"]}]}, {"id": "ent_task", "name": "task", "label": "Task", "plural": "Tasks", "title_field": "title", "timeline": true, "role": "task", "due_field": "due", "done_field": "done", "assignee_field": "assignee", "indexes": [{"fields": ["assignee", "done", "due"]}], "fields": [{"id": "fld_task_title", "name": "title", "type": "text", "label": "Title", "required": true}, {"id": "fld_task_due", "name": "due", "type": "datetime", "label": "Due"}, {"id": "fld_task_done", "name": "done", "type": "boolean", "label": "Done", "default": false}, {"id": "fld_task_assignee", "name": "assignee", "type": "user", "label": "Assignee", "default": "$me"}, {"id": "fld_task_client", "name": "client", "type": "link", "label": "Client", "to": "client", "inverse": "tasks", "on_delete": "cascade"}, {"id": "fld_task_deal", "name": "deal", "type": "link", "label": "Deal", "to": "deal", "inverse": "tasks", "on_delete": "cascade"}]}], "documents": [{"name": "proposal", "label": "Commercial proposal", "entity": "deal", "filename": "Proposal {{ record.title }}", "template": "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Commercial proposal: {{ record.title }}</title>\n<style>\n  @page { size: A4; margin: 20mm 18mm; }\n  body { font-family: \"DejaVu Sans\", \"Liberation Sans\", Arial, sans-serif; font-size: 10.5pt;\n         color: #1f2933; line-height: 1.5; margin: 0; }\n  .head { width: 100%; border-collapse: collapse; border-bottom: 2pt solid #2b6cb0; margin-bottom: 20pt; }\n  .head td { padding: 0 0 8pt 0; vertical-align: bottom; }\n  .brand { font-size: 16pt; font-weight: bold; color: #2b6cb0; }\n  .meta { text-align: right; color: #52606d; }\n  h1 { font-size: 18pt; margin: 0 0 4pt 0; }\n  .to { margin: 0 0 18pt 0; color: #52606d; }\n  .offer { width: 100%; border-collapse: collapse; margin: 16pt 0; }\n  .offer th { text-align: left; border-bottom: 1pt solid #9aa5b1; padding: 6pt 4pt; font-size: 9pt;\n              text-transform: uppercase; letter-spacing: 0.5pt; color: #52606d; }\n  .offer td { padding: 8pt 4pt; border-bottom: 1pt solid #e4e7eb; }\n  .offer .amount { text-align: right; white-space: nowrap; }\n  .offer .total td { font-weight: bold; font-size: 12pt; border-bottom: none; }\n  .signatures { width: 100%; margin-top: 48pt; border-collapse: collapse; }\n  .signatures td { width: 50%; padding-right: 24pt; vertical-align: top; color: #52606d; }\n  .line { border-bottom: 1pt solid #1f2933; height: 28pt; margin-bottom: 4pt; }\n</style>\n</head>\n<body>\n  <table class=\"head\"><tr>\n    <td class=\"brand\">Commercial proposal</td>\n    <td class=\"meta\">No. {{ record.id }}<br>{{ now|date }}</td>\n  </tr></table>\n  <h1>{{ record.title }}</h1>\n  <p class=\"to\">For <strong>{{ record.client.name or \"our client\" }}</strong>{% if record.client.city %}, {{ record.client.city }}{% endif %}</p>\n  <p>Dear {{ record.client.name or \"client\" }},</p>\n  <p>Thank you for your interest. We are pleased to offer you the following:</p>\n  <table class=\"offer\">\n    <tr><th>Description</th><th class=\"amount\">Amount</th></tr>\n    <tr><td>{{ record.title }}</td><td class=\"amount\">{{ record.amount|money(\"USD\") }}</td></tr>\n    <tr class=\"total\"><td>Total</td><td class=\"amount\">{{ record.amount|money(\"USD\") }}</td></tr>\n  </table>\n  {% if record.close_date %}<p>This proposal is valid until {{ record.close_date|date }}.</p>{% endif %}\n  <p>We look forward to working with you.</p>\n  <table class=\"signatures\"><tr>\n    <td><div class=\"line\"></div>For the supplier: name, signature, date</td>\n    <td><div class=\"line\"></div>For {{ record.client.name or \"the client\" }}: name, signature, date</td>\n  </tr></table>\n</body>\n</html>\n"}], "automations": [{"name": "Proposal: document and follow-up", "entity": "deal", "when": {"event": "stage_entered", "field": "stage", "value": "proposal"}, "do": [{"action": "render_document", "template": "proposal"}, {"action": "create_record", "entity": "task", "values": {"title": "Follow up on the proposal", "due": "+3d", "deal": "{{ record.id }}", "client": "{{ record.client.id }}", "assignee": "{{ record.owner.id if record.owner else '''' }}"}}]}, {"name": "Won: call the client in a month", "entity": "deal", "when": {"event": "stage_entered", "field": "stage", "value": "won"}, "do": [{"action": "create_record", "entity": "task", "values": {"title": "Call the client", "due": "+30d", "deal": "{{ record.id }}", "client": "{{ record.client.id }}", "assignee": "{{ record.owner.id if record.owner else '''' }}"}}]}, {"name": "tell the warehouse", "entity": "deal", "when": {"event": "stage_entered", "field": "stage", "value": "won"}, "do": [{"action": "webhook", "url": "http://warehouse.example.com/hooks/crm", "secret": "s3cret-of-the-previous-release"}]}]}');


--
-- Data for Name: kt_secret; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: kt_session; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: kt_token; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: kt_user; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.kt_user VALUES (1, 'demo@example.com', 'Demo admin', '$argon2id$v=19$m=65536,t=3,p=4$j+DpsEZ3r2crDRi4TB6Dfg$bscx1vFlVGX1jh7LXpstSu5YZYW6YHZVpgWESvYA92k', true, true, 'UTC', 'en', '2026-12-07 21:38:28.708136+00');
INSERT INTO public.kt_user VALUES (2, 'sales@example.com', 'Salesperson', '$argon2id$v=19$m=65536,t=3,p=4$uGdt9RVRbyaYOk9Od0uTJw$TrAIsBmjRH7wviKkReCuCk8qRz1xPQmbi9v17xYKDtE', false, true, 'UTC', 'en', '2026-12-07 21:38:29.739923+00');
INSERT INTO public.kt_user VALUES (3, 'Mixed.Case@Example.com', 'Mixed case', '$argon2id$v=19$m=65536,t=3,p=4$0ed0ohxG++WUYEZY/B7wWg$LxeWIkwD7xprjqyaz7Fa4UQz6kYGNg/VsMDErebVw0E', false, true, 'UTC', 'en', '2026-12-07 21:38:29.739923+00');


--
-- Data for Name: kt_view; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: task; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.task VALUES (1, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, '安排会议', '安排会议', '2026-11-16 10:00:00+00', true, 1, 21, 5);
INSERT INTO public.task VALUES (2, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Send the proposal', 'send the proposal', '2026-12-27 17:30:00+00', false, 1, 9, 143);
INSERT INTO public.task VALUES (3, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Jadwalkan pertemuan', 'jadwalkan pertemuan', '2026-11-27 10:30:00+00', false, 1, 23, NULL);
INSERT INTO public.task VALUES (4, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Trimite oferta', 'trimite oferta', '2026-12-08 11:30:00+00', false, 1, 31, NULL);
INSERT INTO public.task VALUES (5, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Kirim faktur', 'kirim faktur', '2026-11-22 15:30:00+00', false, 1, 24, 99);
INSERT INTO public.task VALUES (6, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, '准备合同', '准备合同', '2026-11-26 12:30:00+00', true, 1, 21, 39);
INSERT INTO public.task VALUES (7, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Confirm the delivery date', 'confirm the delivery date', '2026-11-27 16:00:00+00', true, 1, 32, 11);
INSERT INTO public.task VALUES (8, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Siapkan kontrak', 'siapkan kontrak', '2026-12-21 11:00:00+00', false, 1, 51, NULL);
INSERT INTO public.task VALUES (9, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Отправить коммерческое предложение', 'отправить коммерческое предложение', '2027-01-05 10:30:00+00', false, 1, 25, NULL);
INSERT INTO public.task VALUES (10, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, '准备合同', '准备合同', '2026-12-01 11:00:00+00', false, 1, 47, NULL);
INSERT INTO public.task VALUES (11, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Jadwalkan pertemuan', 'jadwalkan pertemuan', '2026-11-21 11:30:00+00', true, 1, 11, NULL);
INSERT INTO public.task VALUES (12, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Назначить встречу', 'назначить встречу', '2026-10-11 10:30:00+00', true, 1, 40, NULL);
INSERT INTO public.task VALUES (13, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Prepare the contract', 'prepare the contract', '2026-12-18 13:00:00+00', false, 1, 60, 82);
INSERT INTO public.task VALUES (14, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, '给客户打电话', '给客户打电话', '2026-11-25 14:30:00+00', false, 1, 16, NULL);
INSERT INTO public.task VALUES (15, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Sună clientul', 'suna clientul', '2026-12-10 17:30:00+00', false, 1, 7, NULL);
INSERT INTO public.task VALUES (16, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Kirim penawaran harga', 'kirim penawaran harga', '2027-01-06 12:00:00+00', false, 1, 34, 62);
INSERT INTO public.task VALUES (17, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Book a demo meeting', 'book a demo meeting', '2026-12-08 14:00:00+00', false, 1, 26, 84);
INSERT INTO public.task VALUES (18, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Call back about the invoice', 'call back about the invoice', '2026-12-11 12:00:00+00', false, 1, 8, NULL);
INSERT INTO public.task VALUES (19, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Programează o întâlnire', 'programeaza o intalnire', '2026-11-22 11:30:00+00', true, 1, 36, 110);
INSERT INTO public.task VALUES (20, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, '确认发货时间', '确认发货时间', '2026-11-26 14:00:00+00', false, 1, 47, 126);
INSERT INTO public.task VALUES (21, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Jadwalkan pertemuan', 'jadwalkan pertemuan', '2026-12-14 10:00:00+00', false, 1, 34, 20);
INSERT INTO public.task VALUES (22, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Chase the payment', 'chase the payment', '2026-10-23 12:00:00+00', true, 1, 9, NULL);
INSERT INTO public.task VALUES (23, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Confirmă livrarea', 'confirma livrarea', '2026-12-15 15:30:00+00', false, 1, 2, 64);
INSERT INTO public.task VALUES (24, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Send the proposal', 'send the proposal', '2026-12-09 11:30:00+00', false, 1, 27, 69);
INSERT INTO public.task VALUES (25, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Отправить коммерческое предложение', 'отправить коммерческое предложение', '2026-12-14 09:30:00+00', false, 1, 41, 93);
INSERT INTO public.task VALUES (26, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, '发送报价单', '发送报价单', '2026-12-06 15:30:00+00', true, 1, 59, NULL);
INSERT INTO public.task VALUES (27, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Telepon klien', 'telepon klien', '2026-12-07 16:30:00+00', false, 1, 51, NULL);
INSERT INTO public.task VALUES (28, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Отправить коммерческое предложение', 'отправить коммерческое предложение', '2027-01-01 09:30:00+00', false, 1, 43, 54);
INSERT INTO public.task VALUES (29, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, '准备合同', '准备合同', '2026-12-01 13:30:00+00', false, 1, 44, 133);
INSERT INTO public.task VALUES (30, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Emite factura', 'emite factura', '2026-12-15 14:00:00+00', false, 1, 54, 144);
INSERT INTO public.task VALUES (31, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, '安排会议', '安排会议', '2026-12-10 16:30:00+00', false, 1, 42, NULL);
INSERT INTO public.task VALUES (32, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, '开具发票', '开具发票', '2026-12-04 12:30:00+00', true, 1, 33, 124);
INSERT INTO public.task VALUES (33, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, '给客户打电话', '给客户打电话', '2026-11-13 10:30:00+00', true, 1, 20, 72);
INSERT INTO public.task VALUES (34, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Jadwalkan pertemuan', 'jadwalkan pertemuan', '2026-10-27 10:00:00+00', true, 1, 24, 60);
INSERT INTO public.task VALUES (35, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Trimite oferta', 'trimite oferta', '2026-12-07 10:00:00+00', false, 1, 46, 7);
INSERT INTO public.task VALUES (36, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, '准备合同', '准备合同', '2026-12-02 17:00:00+00', false, 1, 42, NULL);
INSERT INTO public.task VALUES (37, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Call back about the invoice', 'call back about the invoice', '2026-12-05 13:00:00+00', false, 1, 48, NULL);
INSERT INTO public.task VALUES (38, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Уточнить сроки поставки', 'уточнить сроки поставки', '2026-10-14 11:30:00+00', true, 1, 53, NULL);
INSERT INTO public.task VALUES (39, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Jadwalkan pertemuan', 'jadwalkan pertemuan', '2026-11-18 10:30:00+00', false, 1, 34, 117);
INSERT INTO public.task VALUES (40, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, '开具发票', '开具发票', '2026-12-07 13:30:00+00', false, 1, 3, 50);
INSERT INTO public.task VALUES (41, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Programează o întâlnire', 'programeaza o intalnire', '2026-12-12 13:00:00+00', false, 1, 36, NULL);
INSERT INTO public.task VALUES (42, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Jadwalkan pertemuan', 'jadwalkan pertemuan', '2026-12-01 13:00:00+00', false, 1, 24, 60);
INSERT INTO public.task VALUES (43, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Book a demo meeting', 'book a demo meeting', '2026-12-24 16:00:00+00', false, 1, 32, NULL);
INSERT INTO public.task VALUES (44, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, '安排会议', '安排会议', '2026-12-04 12:30:00+00', true, 1, 47, 126);
INSERT INTO public.task VALUES (45, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, '准备合同', '准备合同', '2026-11-07 15:00:00+00', true, 1, 20, 31);
INSERT INTO public.task VALUES (46, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Siapkan kontrak', 'siapkan kontrak', '2026-10-14 14:30:00+00', true, 1, 1, NULL);
INSERT INTO public.task VALUES (47, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Jadwalkan pertemuan', 'jadwalkan pertemuan', '2026-12-29 13:00:00+00', false, 1, 35, 73);
INSERT INTO public.task VALUES (48, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Выставить счёт', 'выставить счет', '2026-12-11 14:00:00+00', false, 1, 4, NULL);
INSERT INTO public.task VALUES (49, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Telepon klien', 'telepon klien', '2026-12-07 09:30:00+00', false, 1, 38, 122);
INSERT INTO public.task VALUES (50, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Назначить встречу', 'назначить встречу', '2026-12-07 15:30:00+00', false, 1, 43, 17);
INSERT INTO public.task VALUES (51, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, '开具发票', '开具发票', '2026-12-30 16:00:00+00', false, 1, 47, 18);
INSERT INTO public.task VALUES (52, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, '安排会议', '安排会议', '2026-12-09 09:30:00+00', false, 1, 33, 16);
INSERT INTO public.task VALUES (53, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Call back about the invoice', 'call back about the invoice', '2026-12-17 17:00:00+00', false, 1, 26, 111);
INSERT INTO public.task VALUES (54, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, '发送报价单', '发送报价单', '2026-11-23 17:00:00+00', true, 1, 20, 72);
INSERT INTO public.task VALUES (55, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Pregătește contractul', 'pregateste contractul', '2026-12-16 14:30:00+00', false, 1, 50, NULL);
INSERT INTO public.task VALUES (56, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Siapkan kontrak', 'siapkan kontrak', '2026-11-27 14:30:00+00', true, 1, 1, 38);
INSERT INTO public.task VALUES (57, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Telepon klien', 'telepon klien', '2026-12-23 10:00:00+00', false, 1, 34, NULL);
INSERT INTO public.task VALUES (58, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, '确认发货时间', '确认发货时间', '2027-01-01 17:00:00+00', false, 1, 33, 124);
INSERT INTO public.task VALUES (59, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Назначить встречу', 'назначить встречу', '2027-01-05 16:30:00+00', false, 1, 4, 14);
INSERT INTO public.task VALUES (60, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Emite factura', 'emite factura', '2026-11-24 14:30:00+00', true, 1, 37, 32);
INSERT INTO public.task VALUES (61, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Programează o întâlnire', 'programeaza o intalnire', '2026-12-07 13:00:00+00', false, 1, 46, NULL);
INSERT INTO public.task VALUES (62, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Prepare the contract', 'prepare the contract', '2026-11-21 17:00:00+00', false, 1, 32, 11);
INSERT INTO public.task VALUES (63, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Согласовать договор', 'согласовать договор', '2026-11-09 11:00:00+00', true, 1, 25, NULL);
INSERT INTO public.task VALUES (64, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, '确认发货时间', '确认发货时间', '2027-01-03 17:00:00+00', false, 1, 13, NULL);
INSERT INTO public.task VALUES (65, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Pregătește contractul', 'pregateste contractul', '2026-12-09 09:30:00+00', false, 1, 7, NULL);
INSERT INTO public.task VALUES (66, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Konfirmasi pengiriman', 'konfirmasi pengiriman', '2026-12-19 16:00:00+00', false, 1, 11, 86);
INSERT INTO public.task VALUES (67, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Emite factura', 'emite factura', '2026-11-28 13:30:00+00', false, 1, 29, 94);
INSERT INTO public.task VALUES (68, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Emite factura', 'emite factura', '2026-12-07 14:30:00+00', false, 1, 2, NULL);
INSERT INTO public.task VALUES (69, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Confirmă livrarea', 'confirma livrarea', '2026-11-02 12:30:00+00', true, 1, 18, 42);
INSERT INTO public.task VALUES (70, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Siapkan kontrak', 'siapkan kontrak', '2026-12-07 09:00:00+00', false, 1, 51, 44);
INSERT INTO public.task VALUES (71, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Назначить встречу', 'назначить встречу', '2026-12-06 09:30:00+00', false, 1, 53, 135);
INSERT INTO public.task VALUES (72, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Siapkan kontrak', 'siapkan kontrak', '2026-12-29 10:00:00+00', false, 1, 30, NULL);
INSERT INTO public.task VALUES (73, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Назначить встречу', 'назначить встречу', '2027-01-04 13:00:00+00', false, 1, 19, NULL);
INSERT INTO public.task VALUES (74, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Confirm the delivery date', 'confirm the delivery date', '2026-12-13 12:30:00+00', false, 1, 32, 11);
INSERT INTO public.task VALUES (75, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, '开具发票', '开具发票', '2026-12-27 13:00:00+00', false, 1, 3, 13);
INSERT INTO public.task VALUES (76, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Telepon klien', 'telepon klien', '2026-10-20 17:00:00+00', true, 1, 34, 117);
INSERT INTO public.task VALUES (77, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, '确认发货时间', '确认发货时间', '2026-11-29 09:00:00+00', false, 1, 13, 55);
INSERT INTO public.task VALUES (78, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Confirmă livrarea', 'confirma livrarea', '2026-12-01 11:30:00+00', false, 1, 2, 64);
INSERT INTO public.task VALUES (79, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, 'Позвонить по поводу оплаты', 'позвонить по поводу оплаты', '2027-01-04 16:00:00+00', false, 1, 53, NULL);
INSERT INTO public.task VALUES (80, '2026-12-07 21:38:29.095667+00', '2026-12-07 21:38:29.095667+00', 1, 1, 1, 1, NULL, '确认发货时间', '确认发货时间', '2026-12-21 15:30:00+00', false, 1, 49, NULL);


--
-- Name: client_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.client_id_seq', 60, true);


--
-- Name: deal_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.deal_id_seq', 150, true);


--
-- Name: kt_attachment_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.kt_attachment_id_seq', 1, false);


--
-- Name: kt_change_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.kt_change_id_seq', 290, true);


--
-- Name: kt_index_job_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.kt_index_job_id_seq', 1, false);


--
-- Name: kt_job_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.kt_job_id_seq', 1, false);


--
-- Name: kt_schema_trash_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.kt_schema_trash_id_seq', 1, false);


--
-- Name: kt_session_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.kt_session_id_seq', 1, false);


--
-- Name: kt_token_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.kt_token_id_seq', 1, false);


--
-- Name: kt_user_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.kt_user_id_seq', 3, true);


--
-- Name: kt_view_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.kt_view_id_seq', 1, false);


--
-- Name: task_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.task_id_seq', 80, true);


--
-- Name: client pk_ent_client; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.client
    ADD CONSTRAINT pk_ent_client PRIMARY KEY (id);


--
-- Name: deal pk_ent_deal; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.deal
    ADD CONSTRAINT pk_ent_deal PRIMARY KEY (id);


--
-- Name: task pk_ent_task; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task
    ADD CONSTRAINT pk_ent_task PRIMARY KEY (id);


--
-- Name: kt_attachment pk_kt_attachment; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_attachment
    ADD CONSTRAINT pk_kt_attachment PRIMARY KEY (id);


--
-- Name: kt_change pk_kt_change; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_change
    ADD CONSTRAINT pk_kt_change PRIMARY KEY (id);


--
-- Name: kt_index_job pk_kt_index_job; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_index_job
    ADD CONSTRAINT pk_kt_index_job PRIMARY KEY (id);


--
-- Name: kt_job pk_kt_job; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_job
    ADD CONSTRAINT pk_kt_job PRIMARY KEY (id);


--
-- Name: kt_login_failure pk_kt_login_failure; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_login_failure
    ADD CONSTRAINT pk_kt_login_failure PRIMARY KEY (account);


--
-- Name: kt_schema_trash pk_kt_schema_trash; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_schema_trash
    ADD CONSTRAINT pk_kt_schema_trash PRIMARY KEY (id);


--
-- Name: kt_schema_version pk_kt_schema_version; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_schema_version
    ADD CONSTRAINT pk_kt_schema_version PRIMARY KEY (version);


--
-- Name: kt_secret pk_kt_secret; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_secret
    ADD CONSTRAINT pk_kt_secret PRIMARY KEY (name);


--
-- Name: kt_session pk_kt_session; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_session
    ADD CONSTRAINT pk_kt_session PRIMARY KEY (id);


--
-- Name: kt_token pk_kt_token; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_token
    ADD CONSTRAINT pk_kt_token PRIMARY KEY (id);


--
-- Name: kt_user pk_kt_user; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_user
    ADD CONSTRAINT pk_kt_user PRIMARY KEY (id);


--
-- Name: kt_view pk_kt_view; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_view
    ADD CONSTRAINT pk_kt_view PRIMARY KEY (id);


--
-- Name: kt_index_job uq_kt_index_job_index_name; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_index_job
    ADD CONSTRAINT uq_kt_index_job_index_name UNIQUE (index_name);


--
-- Name: kt_job uq_kt_job_dedupe; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_job
    ADD CONSTRAINT uq_kt_job_dedupe UNIQUE (dedupe);


--
-- Name: kt_session uq_kt_session_key_hash; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_session
    ADD CONSTRAINT uq_kt_session_key_hash UNIQUE (key_hash);


--
-- Name: kt_token uq_kt_token_token_hash; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_token
    ADD CONSTRAINT uq_kt_token_token_hash UNIQUE (token_hash);


--
-- Name: kt_user uq_kt_user_email; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_user
    ADD CONSTRAINT uq_kt_user_email UNIQUE (email);


--
-- Name: ix_ent_deal_67f97905c0ec; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_ent_deal_67f97905c0ec ON public.deal USING btree (stage, amount, deleted_at);


--
-- Name: ix_ent_task_3b4b41cad29d; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_ent_task_3b4b41cad29d ON public.task USING btree (assignee, done, due, deleted_at);


--
-- Name: ix_fld_client_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_fld_client_status ON public.client USING btree (status);


--
-- Name: ix_fld_deal_amount; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_fld_deal_amount ON public.deal USING btree (amount);


--
-- Name: ix_fld_deal_client; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_fld_deal_client ON public.deal USING btree (client);


--
-- Name: ix_fld_deal_close_date; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_fld_deal_close_date ON public.deal USING btree (close_date);


--
-- Name: ix_fld_deal_stage; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_fld_deal_stage ON public.deal USING btree (stage);


--
-- Name: ix_fld_task_assignee; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_fld_task_assignee ON public.task USING btree (assignee);


--
-- Name: ix_fld_task_client; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_fld_task_client ON public.task USING btree (client);


--
-- Name: ix_fld_task_deal; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_fld_task_deal ON public.task USING btree (deal);


--
-- Name: ix_fld_task_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_fld_task_due ON public.task USING btree (due);


--
-- Name: ix_kt_attachment_record; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_kt_attachment_record ON public.kt_attachment USING btree (entity_id, record_id);


--
-- Name: ix_kt_attachment_sha256; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_kt_attachment_sha256 ON public.kt_attachment USING btree (sha256);


--
-- Name: ix_kt_change_record; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_kt_change_record ON public.kt_change USING btree (entity_id, record_id, id);


--
-- Name: ix_kt_job_state_run_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_kt_job_state_run_at ON public.kt_job USING btree (state, run_at);


--
-- Name: ix_kt_session_expires_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_kt_session_expires_at ON public.kt_session USING btree (expires_at);


--
-- Name: ix_kt_token_expires_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_kt_token_expires_at ON public.kt_token USING btree (expires_at);


--
-- Name: ix_kt_view_user_entity; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_kt_view_user_entity ON public.kt_view USING btree (user_id, entity);


--
-- Name: kt_trgm_fld_client_city; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX kt_trgm_fld_client_city ON public.client USING gin (kt_fold_fld_client_city public.gin_trgm_ops);


--
-- Name: kt_trgm_fld_client_email; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX kt_trgm_fld_client_email ON public.client USING gin (kt_fold_fld_client_email public.gin_trgm_ops);


--
-- Name: kt_trgm_fld_client_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX kt_trgm_fld_client_name ON public.client USING gin (kt_fold_fld_client_name public.gin_trgm_ops);


--
-- Name: kt_trgm_fld_client_phone; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX kt_trgm_fld_client_phone ON public.client USING gin (kt_fold_fld_client_phone public.gin_trgm_ops);


--
-- Name: kt_trgm_fld_deal_title; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX kt_trgm_fld_deal_title ON public.deal USING gin (kt_fold_fld_deal_title public.gin_trgm_ops);


--
-- Name: kt_trgm_fld_task_title; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX kt_trgm_fld_task_title ON public.task USING gin (kt_fold_fld_task_title public.gin_trgm_ops);


--
-- Name: uq_fld_client_email; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX uq_fld_client_email ON public.client USING btree (email) WHERE (deleted_at IS NULL);


--
-- Name: client fk_ent_client_created_by; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.client
    ADD CONSTRAINT fk_ent_client_created_by FOREIGN KEY (created_by) REFERENCES public.kt_user(id);


--
-- Name: client fk_ent_client_owner; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.client
    ADD CONSTRAINT fk_ent_client_owner FOREIGN KEY (owner) REFERENCES public.kt_user(id);


--
-- Name: client fk_ent_client_updated_by; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.client
    ADD CONSTRAINT fk_ent_client_updated_by FOREIGN KEY (updated_by) REFERENCES public.kt_user(id);


--
-- Name: deal fk_ent_deal_created_by; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.deal
    ADD CONSTRAINT fk_ent_deal_created_by FOREIGN KEY (created_by) REFERENCES public.kt_user(id);


--
-- Name: deal fk_ent_deal_owner; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.deal
    ADD CONSTRAINT fk_ent_deal_owner FOREIGN KEY (owner) REFERENCES public.kt_user(id);


--
-- Name: deal fk_ent_deal_updated_by; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.deal
    ADD CONSTRAINT fk_ent_deal_updated_by FOREIGN KEY (updated_by) REFERENCES public.kt_user(id);


--
-- Name: task fk_ent_task_created_by; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task
    ADD CONSTRAINT fk_ent_task_created_by FOREIGN KEY (created_by) REFERENCES public.kt_user(id);


--
-- Name: task fk_ent_task_owner; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task
    ADD CONSTRAINT fk_ent_task_owner FOREIGN KEY (owner) REFERENCES public.kt_user(id);


--
-- Name: task fk_ent_task_updated_by; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task
    ADD CONSTRAINT fk_ent_task_updated_by FOREIGN KEY (updated_by) REFERENCES public.kt_user(id);


--
-- Name: deal fk_fld_deal_client; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.deal
    ADD CONSTRAINT fk_fld_deal_client FOREIGN KEY (client) REFERENCES public.client(id);


--
-- Name: task fk_fld_task_assignee; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task
    ADD CONSTRAINT fk_fld_task_assignee FOREIGN KEY (assignee) REFERENCES public.kt_user(id);


--
-- Name: task fk_fld_task_client; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task
    ADD CONSTRAINT fk_fld_task_client FOREIGN KEY (client) REFERENCES public.client(id);


--
-- Name: task fk_fld_task_deal; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task
    ADD CONSTRAINT fk_fld_task_deal FOREIGN KEY (deal) REFERENCES public.deal(id);


--
-- Name: kt_attachment fk_kt_attachment_created_by; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_attachment
    ADD CONSTRAINT fk_kt_attachment_created_by FOREIGN KEY (created_by) REFERENCES public.kt_user(id) ON DELETE SET NULL;


--
-- Name: kt_session fk_kt_session_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_session
    ADD CONSTRAINT fk_kt_session_user_id FOREIGN KEY (user_id) REFERENCES public.kt_user(id) ON DELETE CASCADE;


--
-- Name: kt_token fk_kt_token_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_token
    ADD CONSTRAINT fk_kt_token_user_id FOREIGN KEY (user_id) REFERENCES public.kt_user(id) ON DELETE CASCADE;


--
-- Name: kt_view fk_kt_view_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kt_view
    ADD CONSTRAINT fk_kt_view_user_id FOREIGN KEY (user_id) REFERENCES public.kt_user(id) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--


