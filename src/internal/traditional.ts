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
