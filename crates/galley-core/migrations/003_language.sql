-- Language suggestions: user dictionary, topic triggers, keywords, entities, claim suggestions.
-- The topic taxonomy is seeded here: the 17 top-level IPTC Media Topics (medtop:) with zh-CN and
-- English labels, the desk's own second-level subjects (desk:) under them, and trigger words.

-- The editors' own words for segmentation (车路云, 萝卜快跑, 堵俊平), with an optional POS tag
-- (nr person, nt organisation, ns place, nz other name).
CREATE TABLE user_terms (
    id            INTEGER PRIMARY KEY,
    word          TEXT NOT NULL UNIQUE CHECK (length(word) > 0),
    tag           TEXT,
    freq          INTEGER,
    added_by      TEXT NOT NULL,
    added_at      TEXT NOT NULL
);

-- Words that suggest a topic, with a weight. Editable like the topics.
CREATE TABLE topic_terms (
    topic_id      INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    term          TEXT NOT NULL CHECK (length(term) > 0),
    weight        REAL NOT NULL DEFAULT 1 CHECK (weight > 0),
    PRIMARY KEY (topic_id, term)
);

-- Suggested keywords of an article, best first.
CREATE TABLE article_keywords (
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    word          TEXT NOT NULL,
    score         REAL NOT NULL,
    method        TEXT NOT NULL,
    source        TEXT NOT NULL CHECK (source IN ('auto', 'editor')),
    created_at    TEXT NOT NULL,
    PRIMARY KEY (article_id, position)
);

-- People, organisations and places of an article.
CREATE TABLE article_entities (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('person', 'organization', 'place', 'other')),
    mentions      INTEGER NOT NULL,
    source        TEXT NOT NULL CHECK (source IN ('auto', 'editor')),
    status        TEXT NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected')),
    reasons       TEXT,            -- JSON array of strings
    created_at    TEXT NOT NULL,
    UNIQUE (article_id, text, kind)
);

-- Check-worthy sentences awaiting the editor. Accepting one creates a claim (status
-- unverified) and links it here; rejecting keeps the row so the same span is not suggested again.
CREATE TABLE claim_suggestions (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    paragraph_id  INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    start         INTEGER NOT NULL CHECK (start >= 0),
    end           INTEGER NOT NULL CHECK (end > start),
    text          TEXT NOT NULL,
    rank          INTEGER NOT NULL,
    score         REAL NOT NULL,
    reasons       TEXT NOT NULL,   -- JSON array of strings
    consistency   TEXT NOT NULL,   -- JSON array of {check, status, detail}
    status        TEXT NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected')),
    claim_id      INTEGER REFERENCES claims(id) ON DELETE SET NULL,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    decided_by    TEXT,
    decided_at    TEXT
);
CREATE INDEX claim_suggestions_article ON claim_suggestions(article_id);

-- Numeric findings kept with an accepted claim; per-sentence sentiment spans.
ALTER TABLE claims ADD COLUMN consistency TEXT;
ALTER TABLE sentiments ADD COLUMN start INTEGER;
ALTER TABLE sentiments ADD COLUMN end INTEGER;


-- Seed: IPTC Media Topics, top level.
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('medtop:01000000', NULL, '艺术、文化、娱乐和媒体', 'arts, culture, entertainment and media');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('medtop:16000000', NULL, '冲突、战争与和平', 'conflict, war and peace');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('medtop:02000000', NULL, '犯罪、法律与司法', 'crime, law and justice');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('medtop:03000000', NULL, '灾难、事故与紧急事件', 'disaster, accident and emergency incident');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('medtop:04000000', NULL, '经济、商业与金融', 'economy, business and finance');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('medtop:05000000', NULL, '教育', 'education');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('medtop:06000000', NULL, '环境', 'environment');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('medtop:07000000', NULL, '健康', 'health');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('medtop:08000000', NULL, '人情趣味', 'human interest');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('medtop:09000000', NULL, '劳工', 'labour');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('medtop:10000000', NULL, '生活方式与休闲', 'lifestyle and leisure');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('medtop:11000000', NULL, '政治', 'politics');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('medtop:12000000', NULL, '宗教', 'religion');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('medtop:13000000', NULL, '科学与技术', 'science and technology');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('medtop:14000000', NULL, '社会', 'society');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('medtop:15000000', NULL, '体育', 'sport');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('medtop:17000000', NULL, '天气', 'weather');

-- Seed: the desk's second-level subjects.
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('desk:artificial-intelligence', (SELECT id FROM topics WHERE code = 'medtop:13000000'), '人工智能', 'artificial intelligence');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('desk:autonomous-vehicles', (SELECT id FROM topics WHERE code = 'medtop:13000000'), '自动驾驶与智能交通', 'autonomous vehicles and transport');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('desk:energy', (SELECT id FROM topics WHERE code = 'medtop:04000000'), '能源与氢能', 'energy and hydrogen');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('desk:consumer-electronics', (SELECT id FROM topics WHERE code = 'medtop:04000000'), '消费电子与显示', 'consumer electronics and displays');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('desk:computing-semiconductors', (SELECT id FROM topics WHERE code = 'medtop:13000000'), '计算与半导体', 'computing and semiconductors');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('desk:telecom-internet', (SELECT id FROM topics WHERE code = 'medtop:13000000'), '通信与互联网', 'telecommunications and internet');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('desk:automotive-industry', (SELECT id FROM topics WHERE code = 'medtop:04000000'), '汽车产业', 'automotive industry');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('desk:markets-investment', (SELECT id FROM topics WHERE code = 'medtop:04000000'), '资本市场与投资', 'financial markets and investment');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('desk:space', (SELECT id FROM topics WHERE code = 'medtop:13000000'), '航天与商业航天', 'space and commercial spaceflight');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('desk:biotech', (SELECT id FROM topics WHERE code = 'medtop:07000000'), '生物医药', 'biotechnology and pharmaceuticals');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('desk:tech-policy', (SELECT id FROM topics WHERE code = 'medtop:11000000'), '科技政策与监管', 'technology policy and regulation');
INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES ('desk:open-source', (SELECT id FROM topics WHERE code = 'medtop:13000000'), '开源', 'open source');

-- Seed: trigger words with weights.
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'medtop:01000000'), '艺术', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:01000000'), '文化', 1),
    ((SELECT id FROM topics WHERE code = 'medtop:01000000'), '电影', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:01000000'), '音乐', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:01000000'), '娱乐', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:01000000'), '媒体', 1),
    ((SELECT id FROM topics WHERE code = 'medtop:01000000'), '出版', 1.5),
    ((SELECT id FROM topics WHERE code = 'medtop:01000000'), '博物馆', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:01000000'), '演出', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:01000000'), '综艺', 2);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'medtop:16000000'), '战争', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:16000000'), '冲突', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:16000000'), '军事', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:16000000'), '武装', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:16000000'), '和平', 1),
    ((SELECT id FROM topics WHERE code = 'medtop:16000000'), '停火', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:16000000'), '袭击', 2);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'medtop:02000000'), '犯罪', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:02000000'), '法院', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:02000000'), '诉讼', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:02000000'), '起诉', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:02000000'), '判决', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:02000000'), '警方', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:02000000'), '违法', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:02000000'), '法律', 1.5),
    ((SELECT id FROM topics WHERE code = 'medtop:02000000'), '法规', 1),
    ((SELECT id FROM topics WHERE code = 'medtop:02000000'), '合规', 1),
    ((SELECT id FROM topics WHERE code = 'medtop:02000000'), '版权', 1.5),
    ((SELECT id FROM topics WHERE code = 'medtop:02000000'), '侵权', 2);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'medtop:03000000'), '地震', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:03000000'), '洪水', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:03000000'), '火灾', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:03000000'), '事故', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:03000000'), '灾害', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:03000000'), '救援', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:03000000'), '爆炸', 2);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'medtop:04000000'), '经济', 1.5),
    ((SELECT id FROM topics WHERE code = 'medtop:04000000'), '市场', 1),
    ((SELECT id FROM topics WHERE code = 'medtop:04000000'), '营收', 1.5),
    ((SELECT id FROM topics WHERE code = 'medtop:04000000'), '收入', 1),
    ((SELECT id FROM topics WHERE code = 'medtop:04000000'), '利润', 1.5),
    ((SELECT id FROM topics WHERE code = 'medtop:04000000'), '企业', 0.5),
    ((SELECT id FROM topics WHERE code = 'medtop:04000000'), '公司', 0.5),
    ((SELECT id FROM topics WHERE code = 'medtop:04000000'), '投资', 1),
    ((SELECT id FROM topics WHERE code = 'medtop:04000000'), '产业', 1),
    ((SELECT id FROM topics WHERE code = 'medtop:04000000'), '商业化', 1),
    ((SELECT id FROM topics WHERE code = 'medtop:04000000'), '成本', 0.5),
    ((SELECT id FROM topics WHERE code = 'medtop:04000000'), '价格', 0.8),
    ((SELECT id FROM topics WHERE code = 'medtop:04000000'), '销售额', 1.5),
    ((SELECT id FROM topics WHERE code = 'medtop:04000000'), '出货量', 1),
    ((SELECT id FROM topics WHERE code = 'medtop:04000000'), '股价', 1.5),
    ((SELECT id FROM topics WHERE code = 'medtop:04000000'), '融资', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:04000000'), '财报', 2);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'medtop:05000000'), '教育', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:05000000'), '学校', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:05000000'), '大学', 1.5),
    ((SELECT id FROM topics WHERE code = 'medtop:05000000'), '学生', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:05000000'), '教师', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:05000000'), '高考', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:05000000'), '课程', 1.5);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'medtop:06000000'), '环境', 1.5),
    ((SELECT id FROM topics WHERE code = 'medtop:06000000'), '污染', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:06000000'), '碳排放', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:06000000'), '减排', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:06000000'), '低碳', 1.5),
    ((SELECT id FROM topics WHERE code = 'medtop:06000000'), '绿色', 1),
    ((SELECT id FROM topics WHERE code = 'medtop:06000000'), '气候变化', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:06000000'), '生态', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:06000000'), '零碳', 1.5);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'medtop:07000000'), '健康', 1),
    ((SELECT id FROM topics WHERE code = 'medtop:07000000'), '医疗', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:07000000'), '医院', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:07000000'), '疾病', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:07000000'), '药品', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:07000000'), '疫苗', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:07000000'), '患者', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:07000000'), '医生', 2);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'medtop:08000000'), '趣闻', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:08000000'), '明星', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:08000000'), '纪念日', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:08000000'), '动物', 1.5);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'medtop:09000000'), '就业', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:09000000'), '失业', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:09000000'), '工资', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:09000000'), '劳动', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:09000000'), '裁员', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:09000000'), '招聘', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:09000000'), '员工', 1);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'medtop:10000000'), '旅游', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:10000000'), '美食', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:10000000'), '时尚', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:10000000'), '休闲', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:10000000'), '购物', 1.5),
    ((SELECT id FROM topics WHERE code = 'medtop:10000000'), '酒店', 2);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'medtop:11000000'), '政府', 1.5),
    ((SELECT id FROM topics WHERE code = 'medtop:11000000'), '政策', 1.5),
    ((SELECT id FROM topics WHERE code = 'medtop:11000000'), '国务院', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:11000000'), '部长', 1),
    ((SELECT id FROM topics WHERE code = 'medtop:11000000'), '选举', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:11000000'), '议会', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:11000000'), '外交', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:11000000'), '监管', 1.5),
    ((SELECT id FROM topics WHERE code = 'medtop:11000000'), '试点', 1),
    ((SELECT id FROM topics WHERE code = 'medtop:11000000'), '准入', 1);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'medtop:12000000'), '宗教', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:12000000'), '寺庙', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:12000000'), '教会', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:12000000'), '信仰', 2);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'medtop:13000000'), '科技', 1),
    ((SELECT id FROM topics WHERE code = 'medtop:13000000'), '技术', 0.8),
    ((SELECT id FROM topics WHERE code = 'medtop:13000000'), '研发', 1),
    ((SELECT id FROM topics WHERE code = 'medtop:13000000'), '创新', 0.8),
    ((SELECT id FROM topics WHERE code = 'medtop:13000000'), '科研', 1.5),
    ((SELECT id FROM topics WHERE code = 'medtop:13000000'), '实验', 1),
    ((SELECT id FROM topics WHERE code = 'medtop:13000000'), '试验', 1),
    ((SELECT id FROM topics WHERE code = 'medtop:13000000'), '工程', 0.8),
    ((SELECT id FROM topics WHERE code = 'medtop:13000000'), '研究', 0.5);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'medtop:14000000'), '社会', 1),
    ((SELECT id FROM topics WHERE code = 'medtop:14000000'), '人口', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:14000000'), '家庭', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:14000000'), '社区', 1),
    ((SELECT id FROM topics WHERE code = 'medtop:14000000'), '养老', 2),
    ((SELECT id FROM topics WHERE code = 'medtop:14000000'), '公益', 2);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'medtop:15000000'), '体育', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:15000000'), '比赛', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:15000000'), '足球', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:15000000'), '篮球', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:15000000'), '奥运', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:15000000'), '冠军', 1.5),
    ((SELECT id FROM topics WHERE code = 'medtop:15000000'), '运动员', 3);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'medtop:17000000'), '天气', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:17000000'), '气温', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:17000000'), '降雨', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:17000000'), '台风', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:17000000'), '暴雨', 3),
    ((SELECT id FROM topics WHERE code = 'medtop:17000000'), '气象', 3);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'desk:artificial-intelligence'), '人工智能', 3),
    ((SELECT id FROM topics WHERE code = 'desk:artificial-intelligence'), 'AI', 1.5),
    ((SELECT id FROM topics WHERE code = 'desk:artificial-intelligence'), '大模型', 3),
    ((SELECT id FROM topics WHERE code = 'desk:artificial-intelligence'), '机器学习', 3),
    ((SELECT id FROM topics WHERE code = 'desk:artificial-intelligence'), '深度学习', 2.5),
    ((SELECT id FROM topics WHERE code = 'desk:artificial-intelligence'), '神经网络', 3),
    ((SELECT id FROM topics WHERE code = 'desk:artificial-intelligence'), 'ChatGPT', 3),
    ((SELECT id FROM topics WHERE code = 'desk:artificial-intelligence'), 'GPT', 2),
    ((SELECT id FROM topics WHERE code = 'desk:artificial-intelligence'), '生成式', 2),
    ((SELECT id FROM topics WHERE code = 'desk:artificial-intelligence'), '语言模型', 3),
    ((SELECT id FROM topics WHERE code = 'desk:artificial-intelligence'), '算法', 1),
    ((SELECT id FROM topics WHERE code = 'desk:artificial-intelligence'), '机器人', 1),
    ((SELECT id FROM topics WHERE code = 'desk:artificial-intelligence'), '智能体', 2),
    ((SELECT id FROM topics WHERE code = 'desk:artificial-intelligence'), '训练数据', 2),
    ((SELECT id FROM topics WHERE code = 'desk:artificial-intelligence'), '数据集', 1.5),
    ((SELECT id FROM topics WHERE code = 'desk:artificial-intelligence'), '微调', 1.5),
    ((SELECT id FROM topics WHERE code = 'desk:artificial-intelligence'), '推理', 0.5);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'desk:autonomous-vehicles'), '自动驾驶', 3),
    ((SELECT id FROM topics WHERE code = 'desk:autonomous-vehicles'), '无人驾驶', 3),
    ((SELECT id FROM topics WHERE code = 'desk:autonomous-vehicles'), '智能网联', 3),
    ((SELECT id FROM topics WHERE code = 'desk:autonomous-vehicles'), '车路云', 3),
    ((SELECT id FROM topics WHERE code = 'desk:autonomous-vehicles'), '智能驾驶', 3),
    ((SELECT id FROM topics WHERE code = 'desk:autonomous-vehicles'), '网联汽车', 2),
    ((SELECT id FROM topics WHERE code = 'desk:autonomous-vehicles'), 'Robotaxi', 3),
    ((SELECT id FROM topics WHERE code = 'desk:autonomous-vehicles'), '出租车', 1),
    ((SELECT id FROM topics WHERE code = 'desk:autonomous-vehicles'), '汽车', 1),
    ((SELECT id FROM topics WHERE code = 'desk:autonomous-vehicles'), '车辆', 1),
    ((SELECT id FROM topics WHERE code = 'desk:autonomous-vehicles'), '交通', 1.5),
    ((SELECT id FROM topics WHERE code = 'desk:autonomous-vehicles'), '道路', 1),
    ((SELECT id FROM topics WHERE code = 'desk:autonomous-vehicles'), '牌照', 1),
    ((SELECT id FROM topics WHERE code = 'desk:autonomous-vehicles'), '车路协同', 3),
    ((SELECT id FROM topics WHERE code = 'desk:autonomous-vehicles'), 'C-V2X', 3),
    ((SELECT id FROM topics WHERE code = 'desk:autonomous-vehicles'), '交通运输', 2),
    ((SELECT id FROM topics WHERE code = 'desk:autonomous-vehicles'), '新能源汽车', 2),
    ((SELECT id FROM topics WHERE code = 'desk:autonomous-vehicles'), 'L3', 2),
    ((SELECT id FROM topics WHERE code = 'desk:autonomous-vehicles'), 'L4', 2);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'desk:energy'), '能源', 2),
    ((SELECT id FROM topics WHERE code = 'desk:energy'), '氢能', 3),
    ((SELECT id FROM topics WHERE code = 'desk:energy'), '氢气', 3),
    ((SELECT id FROM topics WHERE code = 'desk:energy'), '纯氢', 3),
    ((SELECT id FROM topics WHERE code = 'desk:energy'), '制氢', 3),
    ((SELECT id FROM topics WHERE code = 'desk:energy'), '储氢', 3),
    ((SELECT id FROM topics WHERE code = 'desk:energy'), '输氢', 3),
    ((SELECT id FROM topics WHERE code = 'desk:energy'), '加氢', 3),
    ((SELECT id FROM topics WHERE code = 'desk:energy'), '管道', 1.5),
    ((SELECT id FROM topics WHERE code = 'desk:energy'), '电力', 2),
    ((SELECT id FROM topics WHERE code = 'desk:energy'), '光伏', 3),
    ((SELECT id FROM topics WHERE code = 'desk:energy'), '风电', 3),
    ((SELECT id FROM topics WHERE code = 'desk:energy'), '储能', 3),
    ((SELECT id FROM topics WHERE code = 'desk:energy'), '核电', 3),
    ((SELECT id FROM topics WHERE code = 'desk:energy'), '石油', 2),
    ((SELECT id FROM topics WHERE code = 'desk:energy'), '天然气', 2),
    ((SELECT id FROM topics WHERE code = 'desk:energy'), '油气', 2),
    ((SELECT id FROM topics WHERE code = 'desk:energy'), '煤炭', 2),
    ((SELECT id FROM topics WHERE code = 'desk:energy'), '电池', 2),
    ((SELECT id FROM topics WHERE code = 'desk:energy'), '新能源', 2),
    ((SELECT id FROM topics WHERE code = 'desk:energy'), '锂电', 3);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'desk:consumer-electronics'), '消费电子', 3),
    ((SELECT id FROM topics WHERE code = 'desk:consumer-electronics'), 'OLED', 3),
    ((SELECT id FROM topics WHERE code = 'desk:consumer-electronics'), 'LCD', 2.5),
    ((SELECT id FROM topics WHERE code = 'desk:consumer-electronics'), '面板', 3),
    ((SELECT id FROM topics WHERE code = 'desk:consumer-electronics'), '显示屏', 3),
    ((SELECT id FROM topics WHERE code = 'desk:consumer-electronics'), '显示器', 3),
    ((SELECT id FROM topics WHERE code = 'desk:consumer-electronics'), '屏幕', 2),
    ((SELECT id FROM topics WHERE code = 'desk:consumer-electronics'), '液晶', 2.5),
    ((SELECT id FROM topics WHERE code = 'desk:consumer-electronics'), '智能手机', 3),
    ((SELECT id FROM topics WHERE code = 'desk:consumer-electronics'), '手机', 2),
    ((SELECT id FROM topics WHERE code = 'desk:consumer-electronics'), '电视', 2),
    ((SELECT id FROM topics WHERE code = 'desk:consumer-electronics'), '笔记本电脑', 2.5),
    ((SELECT id FROM topics WHERE code = 'desk:consumer-electronics'), '平板电脑', 2.5),
    ((SELECT id FROM topics WHERE code = 'desk:consumer-electronics'), '可穿戴', 3),
    ((SELECT id FROM topics WHERE code = 'desk:consumer-electronics'), '耳机', 2),
    ((SELECT id FROM topics WHERE code = 'desk:consumer-electronics'), '柔性', 1.5);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'desk:computing-semiconductors'), '半导体', 3),
    ((SELECT id FROM topics WHERE code = 'desk:computing-semiconductors'), '芯片', 2),
    ((SELECT id FROM topics WHERE code = 'desk:computing-semiconductors'), '晶圆', 3),
    ((SELECT id FROM topics WHERE code = 'desk:computing-semiconductors'), '集成电路', 3),
    ((SELECT id FROM topics WHERE code = 'desk:computing-semiconductors'), '光刻', 3),
    ((SELECT id FROM topics WHERE code = 'desk:computing-semiconductors'), '处理器', 3),
    ((SELECT id FROM topics WHERE code = 'desk:computing-semiconductors'), 'CPU', 2.5),
    ((SELECT id FROM topics WHERE code = 'desk:computing-semiconductors'), 'GPU', 2.5),
    ((SELECT id FROM topics WHERE code = 'desk:computing-semiconductors'), '显卡', 2),
    ((SELECT id FROM topics WHERE code = 'desk:computing-semiconductors'), '超级计算机', 3),
    ((SELECT id FROM topics WHERE code = 'desk:computing-semiconductors'), '超算', 3),
    ((SELECT id FROM topics WHERE code = 'desk:computing-semiconductors'), '算力', 2),
    ((SELECT id FROM topics WHERE code = 'desk:computing-semiconductors'), '计算平台', 2),
    ((SELECT id FROM topics WHERE code = 'desk:computing-semiconductors'), '服务器', 2),
    ((SELECT id FROM topics WHERE code = 'desk:computing-semiconductors'), '数据中心', 2.5),
    ((SELECT id FROM topics WHERE code = 'desk:computing-semiconductors'), '云计算', 2.5),
    ((SELECT id FROM topics WHERE code = 'desk:computing-semiconductors'), '英伟达', 1.5),
    ((SELECT id FROM topics WHERE code = 'desk:computing-semiconductors'), '台积电', 2),
    ((SELECT id FROM topics WHERE code = 'desk:computing-semiconductors'), '操作系统', 1.5),
    ((SELECT id FROM topics WHERE code = 'desk:computing-semiconductors'), '量子计算', 3),
    ((SELECT id FROM topics WHERE code = 'desk:computing-semiconductors'), '计算机', 1.5);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'desk:telecom-internet'), '5G', 3),
    ((SELECT id FROM topics WHERE code = 'desk:telecom-internet'), '6G', 3),
    ((SELECT id FROM topics WHERE code = 'desk:telecom-internet'), '通信', 2),
    ((SELECT id FROM topics WHERE code = 'desk:telecom-internet'), '运营商', 2.5),
    ((SELECT id FROM topics WHERE code = 'desk:telecom-internet'), '基站', 3),
    ((SELECT id FROM topics WHERE code = 'desk:telecom-internet'), '宽带', 3),
    ((SELECT id FROM topics WHERE code = 'desk:telecom-internet'), '互联网', 2),
    ((SELECT id FROM topics WHERE code = 'desk:telecom-internet'), '电商', 2.5),
    ((SELECT id FROM topics WHERE code = 'desk:telecom-internet'), '社交媒体', 2.5),
    ((SELECT id FROM topics WHERE code = 'desk:telecom-internet'), '移动互联网', 3),
    ((SELECT id FROM topics WHERE code = 'desk:telecom-internet'), '卫星互联网', 3),
    ((SELECT id FROM topics WHERE code = 'desk:telecom-internet'), '推特', 1),
    ((SELECT id FROM topics WHERE code = 'desk:telecom-internet'), '账号', 1),
    ((SELECT id FROM topics WHERE code = 'desk:telecom-internet'), '平台经济', 2),
    ((SELECT id FROM topics WHERE code = 'desk:telecom-internet'), '网络安全', 3);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'desk:automotive-industry'), '车企', 3),
    ((SELECT id FROM topics WHERE code = 'desk:automotive-industry'), '汽车产业', 3),
    ((SELECT id FROM topics WHERE code = 'desk:automotive-industry'), '整车', 3),
    ((SELECT id FROM topics WHERE code = 'desk:automotive-industry'), '销量', 1),
    ((SELECT id FROM topics WHERE code = 'desk:automotive-industry'), '新能源汽车', 2),
    ((SELECT id FROM topics WHERE code = 'desk:automotive-industry'), '车型', 2),
    ((SELECT id FROM topics WHERE code = 'desk:automotive-industry'), '车展', 2),
    ((SELECT id FROM topics WHERE code = 'desk:automotive-industry'), '特斯拉', 1),
    ((SELECT id FROM topics WHERE code = 'desk:automotive-industry'), '比亚迪', 2),
    ((SELECT id FROM topics WHERE code = 'desk:automotive-industry'), '蔚来', 2),
    ((SELECT id FROM topics WHERE code = 'desk:automotive-industry'), '小鹏', 2),
    ((SELECT id FROM topics WHERE code = 'desk:automotive-industry'), '理想汽车', 2),
    ((SELECT id FROM topics WHERE code = 'desk:automotive-industry'), '奔驰', 1),
    ((SELECT id FROM topics WHERE code = 'desk:automotive-industry'), '宝马', 1.5),
    ((SELECT id FROM topics WHERE code = 'desk:automotive-industry'), '汽车', 1);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'desk:markets-investment'), '股价', 3),
    ((SELECT id FROM topics WHERE code = 'desk:markets-investment'), '股市', 3),
    ((SELECT id FROM topics WHERE code = 'desk:markets-investment'), 'A股', 3),
    ((SELECT id FROM topics WHERE code = 'desk:markets-investment'), '港股', 3),
    ((SELECT id FROM topics WHERE code = 'desk:markets-investment'), '上市', 2),
    ((SELECT id FROM topics WHERE code = 'desk:markets-investment'), 'IPO', 3),
    ((SELECT id FROM topics WHERE code = 'desk:markets-investment'), '融资', 2.5),
    ((SELECT id FROM topics WHERE code = 'desk:markets-investment'), '估值', 2.5),
    ((SELECT id FROM topics WHERE code = 'desk:markets-investment'), '投资者', 2.5),
    ((SELECT id FROM topics WHERE code = 'desk:markets-investment'), '研报', 2),
    ((SELECT id FROM topics WHERE code = 'desk:markets-investment'), '基金', 2),
    ((SELECT id FROM topics WHERE code = 'desk:markets-investment'), '市值', 2.5);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'desk:space'), '航天', 3),
    ((SELECT id FROM topics WHERE code = 'desk:space'), '卫星', 2.5),
    ((SELECT id FROM topics WHERE code = 'desk:space'), '火箭', 3),
    ((SELECT id FROM topics WHERE code = 'desk:space'), '发射', 1.5),
    ((SELECT id FROM topics WHERE code = 'desk:space'), '空间站', 3),
    ((SELECT id FROM topics WHERE code = 'desk:space'), '探月', 3),
    ((SELECT id FROM topics WHERE code = 'desk:space'), 'SpaceX', 3),
    ((SELECT id FROM topics WHERE code = 'desk:space'), '轨道', 1.5);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'desk:biotech'), '生物医药', 3),
    ((SELECT id FROM topics WHERE code = 'desk:biotech'), '创新药', 3),
    ((SELECT id FROM topics WHERE code = 'desk:biotech'), '临床试验', 3),
    ((SELECT id FROM topics WHERE code = 'desk:biotech'), '基因', 3),
    ((SELECT id FROM topics WHERE code = 'desk:biotech'), '生物技术', 3),
    ((SELECT id FROM topics WHERE code = 'desk:biotech'), '医疗器械', 3),
    ((SELECT id FROM topics WHERE code = 'desk:biotech'), '药企', 3);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'desk:tech-policy'), '工业和信息化部', 2.5),
    ((SELECT id FROM topics WHERE code = 'desk:tech-policy'), '工信部', 2.5),
    ((SELECT id FROM topics WHERE code = 'desk:tech-policy'), '监管', 2),
    ((SELECT id FROM topics WHERE code = 'desk:tech-policy'), '政策', 1.5),
    ((SELECT id FROM topics WHERE code = 'desk:tech-policy'), '法规', 1.5),
    ((SELECT id FROM topics WHERE code = 'desk:tech-policy'), '标准', 1),
    ((SELECT id FROM topics WHERE code = 'desk:tech-policy'), '准入', 2),
    ((SELECT id FROM topics WHERE code = 'desk:tech-policy'), '试点', 1.5),
    ((SELECT id FROM topics WHERE code = 'desk:tech-policy'), '规划', 1.5),
    ((SELECT id FROM topics WHERE code = 'desk:tech-policy'), '数据安全', 2.5),
    ((SELECT id FROM topics WHERE code = 'desk:tech-policy'), '个人信息', 2.5),
    ((SELECT id FROM topics WHERE code = 'desk:tech-policy'), '反垄断', 3);
INSERT INTO topic_terms (topic_id, term, weight) VALUES
    ((SELECT id FROM topics WHERE code = 'desk:open-source'), '开源', 3),
    ((SELECT id FROM topics WHERE code = 'desk:open-source'), '开源社区', 3),
    ((SELECT id FROM topics WHERE code = 'desk:open-source'), '开源软件', 3),
    ((SELECT id FROM topics WHERE code = 'desk:open-source'), 'Linux', 2.5),
    ((SELECT id FROM topics WHERE code = 'desk:open-source'), 'GitHub', 3),
    ((SELECT id FROM topics WHERE code = 'desk:open-source'), '许可证', 1.5),
    ((SELECT id FROM topics WHERE code = 'desk:open-source'), '闭源', 2);
