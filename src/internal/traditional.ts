/**
 * Court pages of Hong Kong, Macao and Taiwan, and zh-Hant templates on the mainland, print
 * their labels in Traditional characters: 發佈時間, 來源, 責任編輯, 當前位置, 列印, 圖為. The
 * patterns of the importer (and the renderer's few) are written in Simplified characters;
 * `bothScripts` makes one match either, character by character, so that one list serves both.
 */

/** Simplified characters of the importer's labels, each with its Traditional forms. */
const TRADITIONAL: Record<string, string> = {
  发: '發', 布: '佈', 时: '時', 间: '間', 责: '責', 编: '編', 辑: '輯', 来: '來', 摄: '攝',
  图: '圖', 讯: '訊', 员: '員', 处: '處', 浏: '瀏', 览: '覽', 数: '數', 点: '點', 击: '擊',
  阅: '閱', 读: '讀', 访: '訪', 问: '問', 号: '號', 体: '體', 审: '審', 对: '對', 签: '簽',
  终: '終', 复: '復複', 当: '當', 现: '現', 页: '頁', 条: '條', 关: '關', 闭: '閉', 顶: '頂',
  载: '載', 礼: '禮', 周: '週', 为: '為', 记: '記', 于: '於', 认: '認', 权: '權', 术: '術',
  网: '網', 标: '標', 识: '識', 码: '碼', 备: '備', 证: '證', 议: '議', 无: '無', 没: '沒',
  暂: '暫', 后: '後', 门: '門', 户: '戶', 务: '務', 欢: '歡', 视: '視', 频: '頻', 办: '辦',
  厅: '廳', 会: '會', 报: '報', 台: '臺', 则: '則', 笔: '筆', 资: '資', 闻: '聞', 说: '說', 气: '氣',
  转: '轉', 单: '單', 机: '機', 级: '級',
  // Common characters of article text, so that a body in Traditional characters is told from a Simplified one.
  开: '開', 国: '國', 长: '長', 这: '這', 个: '個', 们: '們', 进: '進', 过: '過', 还: '還', 经: '經', 动: '動', 业: '業',
  实: '實', 与: '與', 学: '學', 从: '從', 两: '兩', 应: '應', 东: '東', 车: '車', 书: '書', 县: '縣', 区: '區', 诉: '訴',
  讼: '訟', 执: '執', 决: '決', 该: '該', 请: '請', 调: '調', 纠: '糾', 纷: '紛', 联: '聯', 络: '絡', 结: '結', 导: '導',
  领: '領', 续: '續', 继: '繼', 独: '獨', 构: '構', 谨: '謹', 庆: '慶', 乡: '鄉', 镇: '鎮', 义: '義', 众: '眾', 协: '協',
  华: '華', 传: '傳', 统: '統', 组: '組', 织: '織', 场: '場', 际: '際', 检: '檢', 监: '監', 狱: '獄', 财: '財', 产: '產',
  赔: '賠', 偿: '償', 债: '債', 劳: '勞', 险: '險', 离: '離', 纪: '紀', 亲: '親', 属: '屬', 边: '邊', 难: '難', 题: '題',
  总: '總', 爱: '愛', 护: '護', 设: '設', 队: '隊', 党: '黨', 习: '習', 讲: '講', 质: '質', 态: '態', 严: '嚴',
  厉: '厲', 满: '滿', 达: '達', 仪: '儀', 龙: '龍', 岁: '歲', 万: '萬', 亿: '億', 营: '營', 税: '稅', 罚: '罰',
  让: '讓', 论: '論', 变: '變', 层: '層', 将: '將', 专: '專', 项: '項', 规: '規', 线: '線', 湾: '灣', 广: '廣',
  岛: '島', 齐: '齊', 苏: '蘇', 闽: '閩', 赣: '贛', 鲁: '魯', 粤: '粵', 琼: '瓊', 贵: '貴', 陕: '陝', 宁: '寧',
};

/**
 * `pattern` matching Simplified and Traditional forms alike: each Simplified character of
 * {@link TRADITIONAL} becomes a class of its forms (inside a class, its forms are added).
 */
export function bothScripts(pattern: RegExp): RegExp {
  let out = '';
  let inClass = false;
  const source = pattern.source;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      out += c + (source[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    const forms = TRADITIONAL[c];
    out += forms === undefined ? c : inClass ? c + forms : `[${c}${forms}]`;
  }
  return new RegExp(out, pattern.flags);
}

/** Simplified characters of {@link TRADITIONAL} that Traditional text uses too (台灣, 周末, 發布, the surname 于). */
const SHARED = new Set(['台', '周', '于', '后', '布']);
const TRADITIONAL_ONLY = new Set(Object.values(TRADITIONAL).join(''));

/**
 * How many characters of `text` are written so only in Traditional script (發, 時, 會) and only
 * in Simplified script (发, 时, 会), among the characters of {@link TRADITIONAL}.
 */
export function scriptCounts(text: string): { traditional: number; simplified: number } {
  let traditional = 0;
  let simplified = 0;
  for (const c of text) {
    if (TRADITIONAL_ONLY.has(c)) traditional++;
    else if (TRADITIONAL[c] !== undefined && !SHARED.has(c)) simplified++;
  }
  return { traditional, simplified };
}
