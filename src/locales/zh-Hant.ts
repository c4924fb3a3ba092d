
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'photo-caption.open': str`查看大图:${0}`,
'photo-caption.open-plain': `查看大图`,
'photo-caption.broken': `图片无法显示`,
'photo-caption.dialog': `大图`,
'photo-caption.close': `关闭`,
'problem.type.string': `文本`,
'problem.type.number': `数字`,
'problem.type.integer': `整数`,
'problem.type.boolean': `布尔值`,
'problem.type.array': `数组`,
'problem.type.object': `对象`,
'problem.json': `不是有效的 JSON`,
'problem.missing': str`缺少 ${0}`,
'problem.type': str`${0} 应为${1}`,
'problem.type-plain': str`${0} 的类型不对`,
'problem.version': str`${0} 的版本不受支持(应为 1)`,
'problem.url': str`${0} 的网址不被允许(只能是 http、https 或相对地址)`,
'problem.date': str`${0} 不是带时区的日期时间`,
'problem.value': str`${0} 的值不在允许范围内`,
'problem.limit': str`${0} 超过上限(${1})`,
'problem.limit-plain': str`${0} 超过上限`,
'problem.unknown-block': str`${0} 的内容类型未知,已跳过`,
'problem.site': str`网站数据有误:${0}`,
'problem.article': str`文章数据有误:${0}`,
'problem.more': str`还有 ${0} 处问题,详见浏览器控制台`,
'load.timeout': `超时`,
'load.network': `网络错误`,
'load.site': str`无法加载网站数据:${0}(${1})`,
'load.article': str`无法加载文章数据:${0}(${1})`,
    };
  