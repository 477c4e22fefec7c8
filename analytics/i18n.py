"""Translations (English, 简体中文) and number formatting, without Streamlit.

Every label, message and strategy card text lives in :data:`TABLE` under a
dotted key, in both languages; :func:`t` looks one up and fills in its
``{placeholders}``. Numbers follow the language's habit: ``12,345`` and
``1.2M`` in English, ``1.2万`` and ``3.4亿`` in Chinese.

Keys are grouped by where they are used: ``app.*`` and ``nav.*`` (sidebar,
page names), ``overview.*``, ``import.*``, ``videos.*``, ``drivers.*``,
``planner.*``, ``fans.*``, ``strategy.*`` (the pages), ``card.*`` (strategy
cards: ``card.<key>.title`` / ``.claim`` / ``.action``), ``evidence.*``,
``confidence.*``, ``bucket.*``, ``ctype.*``, ``chart.*``, ``report.*`` and
``note.*``.

Examples
--------
>>> t("nav.strategy", "zh")
'策略建议'
>>> format_count(12345, "zh")
'1.2万'
>>> format_count(12345, "en")
'12,345'
"""

from __future__ import annotations

import math
import string
from typing import Any

LANGUAGES: tuple[str, ...] = ("en", "zh")
DEFAULT_LANGUAGE = "en"
#: Each language's name in itself (for the language switch).
LANGUAGE_NAMES = {"en": "English", "zh": "简体中文"}

_WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
}
_WEEKDAYS_SHORT = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "zh": ("一", "二", "三", "四", "五", "六", "日"),
}

# key -> {"en": text, "zh": text}
TABLE: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ app / navigation
    "app.title": {"en": "Creator analytics", "zh": "创作者数据分析"},
    "app.language": {"en": "Language", "zh": "语言"},
    "app.channel": {"en": "Channel", "zh": "账号"},
    "app.all_channels": {"en": "All channels", "zh": "全部账号"},
    "app.date_range": {"en": "Date range", "zh": "日期范围"},
    "app.loading_sample": {"en": "Loading the sample data…", "zh": "正在载入示例数据…"},
    "app.empty_store": {
        "en": "The store is empty and the sample data could not be loaded ({problem}). "
              "Add your exports on the Import page.",
        "zh": "数据库为空，示例数据也未能载入（{problem}）。请在“导入”页面添加导出文件。"},
    "app.error": {"en": "Something went wrong: {error}", "zh": "出错了：{error}"},
    "app.rejected_values": {"en": "{count} rejected value(s)", "zh": "{count} 个值被拒绝"},
    "app.no_sample_build": {"en": "this build has no sample data", "zh": "此版本没有示例数据"},
    "app.list_sep": {"en": ", ", "zh": "、"},
    "nav.overview": {"en": "Overview", "zh": "总览"},
    "nav.import": {"en": "Import", "zh": "导入"},
    "nav.videos": {"en": "Videos", "zh": "作品"},
    "nav.drivers": {"en": "What drives reach", "zh": "影响曝光的因素"},
    "nav.fans": {"en": "Fans", "zh": "粉丝"},
    "nav.planner": {"en": "Plan your next video", "zh": "规划下一条作品"},
    "nav.strategy": {"en": "Strategy", "zh": "策略建议"},
    # ------------------------------------------------------------------ overview
    "overview.title": {"en": "Overview", "zh": "总览"},
    "overview.no_daily": {
        "en": "No daily data in the store yet. Add your exports on the Import page.",
        "zh": "数据库中还没有每日数据。请在“导入”页面添加导出文件。"},
    "overview.kpi.views": {"en": "Views", "zh": "播放量"},
    "overview.kpi.followers": {"en": "Net followers", "zh": "净增粉丝"},
    "overview.kpi.engagement": {"en": "Engagement rate", "zh": "互动率"},
    "overview.kpi.published": {"en": "Videos published", "zh": "发布作品数"},
    "overview.kpi.views_help": {
        "en": "Daily channel views summed over the period; change against {span}.",
        "zh": "期间内每日播放量之和；与 {span} 相比的变化。"},
    "overview.kpi.followers_help": {
        "en": "Followers gained minus lost; change against {span}.",
        "zh": "新增粉丝减去流失粉丝；与 {span} 相比的变化。"},
    "overview.kpi.engagement_help": {
        "en": "(likes + comments + shares + saves) / views, {basis}; change in percentage "
              "points against {span} when both are measured alike.",
        "zh": "（点赞 + 评论 + 分享 + 收藏）/ 播放量，{basis}；两段时间口径相同时显示与 {span} "
              "相比的百分点变化。"},
    "overview.kpi.published_help": {
        "en": "Videos whose publish date (channel time zone) is in the period; vs {span}.",
        "zh": "发布日期（账号所在时区）在此期间内的作品数；对比 {span}。"},
    "overview.basis.daily": {
        "en": "over the daily rows of the period that report interactions",
        "zh": "按此期间内有互动数据的每日记录计算"},
    "overview.basis.published_videos": {
        "en": "lifetime figures of the videos published in the period (the exports have no "
              "daily interactions)",
        "zh": "按此期间内发布作品的累计数据计算（导出文件没有每日互动数据）"},
    "overview.basis.mixed": {
        "en": "daily rows where a channel has them, else lifetime figures of the videos "
              "published in the period",
        "zh": "账号有每日记录时按每日记录计算，否则按此期间内发布作品的累计数据计算"},
    "overview.pp": {"en": "{value} pp", "zh": "{value} 个百分点"},
    "overview.period_caption": {
        "en": "{start} – {end}, compared with the previous {days} days ({prev_start} – "
              "{prev_end}).",
        "zh": "{start} – {end}，对比之前的 {days} 天（{prev_start} – {prev_end}）。"},
    "overview.daily_views": {"en": "Daily views", "zh": "每日播放量"},
    "overview.views_axis": {"en": "views", "zh": "播放量"},
    "overview.no_daily_views": {
        "en": "No daily views for this selection: its exports only carry lifetime totals per "
              "video (see the Videos page).",
        "zh": "当前选择没有每日播放量：它的导出文件只有每条作品的累计总数（见“作品”页面）。"},
    "overview.followers": {"en": "Followers", "zh": "粉丝"},
    "overview.no_followers": {"en": "No follower numbers in this period.",
                              "zh": "此期间没有粉丝数据。"},
    "overview.top_videos": {"en": "Top videos", "zh": "热门作品"},
    "overview.no_top_videos": {"en": "No video has views in this period.",
                               "zh": "此期间没有作品产生播放。"},
    "overview.rolling_mean": {"en": "7-day mean", "zh": "7日均值"},
    # ------------------------------------------------------------------ import
    "import.title": {"en": "Import", "zh": "导入"},
    "import.drop": {"en": "Drop exports here (CSV, TSV, XLSX or a ZIP of them)",
                    "zh": "将导出文件拖到这里（CSV、TSV、XLSX 或它们的 ZIP 压缩包）"},
    "import.unavailable": {
        "en": "The importer is not available in this build; use `python -m analytics import`.",
        "zh": "此版本没有导入功能；请使用 `python -m analytics import`。"},
    "import.empty_file": {"en": "{name}: empty file (0 bytes); nothing to import.",
                          "zh": "{name}：空文件（0 字节），没有可导入的内容。"},
    "import.channel_for_files": {"en": "Channel for files without a channel column",
                                 "zh": "没有账号列的文件归属的账号"},
    "import.new_channel": {"en": "New channel…", "zh": "新账号…"},
    "import.new_channel_name": {"en": "New channel name", "zh": "新账号名称"},
    "import.time_zone": {"en": "Time zone of the new channel", "zh": "新账号的时区"},
    "import.time_zone_help": {"en": "Platform dates and times are read in this time zone.",
                              "zh": "平台导出的日期和时间按此时区读取。"},
    "import.options": {"en": "Options: date order, export date", "zh": "选项：日期顺序、导出日期"},
    "import.date_order": {"en": "Order of day and month in dates like 01/02/2025",
                          "zh": "01/02/2025 这类日期中日与月的顺序"},
    "import.date_order.detect": {"en": "detect from the file", "zh": "根据文件自动识别"},
    "import.date_order.dmy": {"en": "day first (31/01/2025)", "zh": "日在前（31/01/2025）"},
    "import.date_order.mdy": {"en": "month first (01/31/2025)", "zh": "月在前（01/31/2025）"},
    "import.export_date": {
        "en": "Day the export was downloaded (for exports whose dates have no year)",
        "zh": "导出文件的下载日期（用于日期中没有年份的导出文件）"},
    "import.preview": {"en": "Preview", "zh": "预览"},
    "import.preview_caption": {"en": "Nothing is written until you press Import.",
                               "zh": "点击“导入”之前不会写入任何数据。"},
    "import.already_imported": {
        "en": "{name}: already imported in this session; it will not be imported again.",
        "zh": "{name}：本次会话中已导入，不会重复导入。"},
    "import.detected": {"en": "Detected: {format} · {rows} rows read{span}",
                        "zh": "识别为：{format} · 读取 {rows} 行{span}"},
    "import.unknown_format": {"en": "unknown", "zh": "未知"},
    "import.first_rows": {"en": "→ {table} (first rows)", "zh": "→ {table}（前几行）"},
    "import.would_reject": {"en": "{count} value(s) would be rejected",
                            "zh": "{count} 个值将被拒绝"},
    "import.rejected_of_file": {"en": "{name}: {count} rejected value(s)",
                                "zh": "{name}：{count} 个值被拒绝"},
    "import.nothing_importable": {"en": "Nothing here can be imported yet: see the problems above.",
                                  "zh": "目前没有可以导入的内容：请查看上面的问题。"},
    "import.pick_channel": {"en": "Pick the channel these files belong to before importing.",
                            "zh": "导入前请选择这些文件所属的账号。"},
    "import.button": {"en": "Import {count} file(s)", "zh": "导入 {count} 个文件"},
    "import.importing": {"en": "Importing…", "zh": "正在导入…"},
    "import.report": {"en": "Import report", "zh": "导入报告"},
    "import.duplicate": {"en": "{name}: this exact file was imported before; nothing changed.",
                         "zh": "{name}：这个文件之前已导入，没有任何变化。"},
    "import.loaded": {"en": "{name}: {loaded} rows loaded, {rejected} rejected.",
                      "zh": "{name}：已载入 {loaded} 行，拒绝 {rejected} 行。"},
    "import.past": {"en": "Past imports", "zh": "导入记录"},
    "import.none_yet": {"en": "No import yet.", "zh": "还没有导入记录。"},
    "import.rejects_of": {"en": "Rejected rows of import", "zh": "查看被拒绝的行：导入批次"},
    "import.col.file": {"en": "File", "zh": "文件"},
    "import.col.format": {"en": "Format", "zh": "格式"},
    "import.col.status": {"en": "Status", "zh": "状态"},
    "import.col.rows_read": {"en": "Read", "zh": "读取"},
    "import.col.loaded": {"en": "Loaded", "zh": "载入"},
    "import.col.rejected": {"en": "Rejected", "zh": "拒绝"},
    "import.col.imported": {"en": "Imported", "zh": "导入时间"},
    "import.col.from": {"en": "From", "zh": "起"},
    "import.col.to": {"en": "To", "zh": "止"},
    "import.col.error": {"en": "Error", "zh": "错误"},
    "import.col.line": {"en": "Line", "zh": "行号"},
    "import.col.column": {"en": "Column", "zh": "列"},
    "import.col.value": {"en": "Value", "zh": "值"},
    "import.col.reason": {"en": "Reason", "zh": "原因"},
    "import.status.loaded": {"en": "loaded", "zh": "已导入"},
    "import.status.duplicate": {"en": "duplicate", "zh": "重复（未更改）"},
    "import.status.failed": {"en": "failed", "zh": "失败"},
    "import.detected_span": {"en": ", {start} – {end}", "zh": "，{start} – {end}"},
    "import.pick_date_order": {
        "en": "Dates in column {column} fit both day/month and month/day: pick their order "
              "under “Options: date order, export date” above.",
        "zh": "列 {column} 中的日期既可按“日/月”也可按“月/日”读取：请在上方“选项：日期顺序、导出日期”"
              "中选择顺序。"},
    "import.mapping.title": {"en": "Map the columns of {name}", "zh": "为 {name} 指定各列的含义"},
    "import.mapping.caption": {
        "en": "The importer does not know this layout. Say what each column holds (the first "
              "guesses come from the column names: check every one), then press “Check the "
              "mapping”. After a clean import the mapping is saved as a profile, and the next "
              "file with the same header imports by itself.",
        "zh": "导入器不认识这种表格格式。请说明每一列的内容（初始猜测来自列名，请逐一核对），然后点击"
              "“检查映射”。导入成功后，映射会保存为配置，之后表头相同的文件会自动导入。"},
    "import.mapping.also_for": {"en": "The same header is in: {names}",
                                "zh": "表头相同的文件：{names}"},
    "import.mapping.profile_name": {"en": "Profile name", "zh": "配置名称"},
    "import.mapping.profile_name_help": {
        "en": "The mapping is saved under this name; a profile of the same name is replaced.",
        "zh": "映射以此名称保存；同名配置会被替换。"},
    "import.mapping.name_taken": {
        "en": "A saved profile is already called {name}: importing replaces it.",
        "zh": "已有名为 {name} 的配置：导入后会将其替换。"},
    "import.mapping.unit": {"en": "Unit", "zh": "单位"},
    "import.mapping.currency": {"en": "Currency (e.g. USD)", "zh": "货币（例如 CNY）"},
    "import.mapping.date_order": {"en": "Order of day and month in this layout's dates",
                                  "zh": "此格式日期中日与月的顺序"},
    "import.mapping.dimension": {"en": "Name of the breakdown (e.g. country)",
                                 "zh": "细分维度的名称（例如 country）"},
    "import.mapping.apply": {"en": "Check the mapping", "zh": "检查映射"},
    "import.mapping.applied": {
        "en": "The preview above reads the file with the mapping {name}.",
        "zh": "上面的预览已按映射 {name} 读取文件。"},
    "import.mapping.ambiguous": {
        "en": "Dates in column {column} fit both day/month and month/day: pick their order "
              "and check the mapping again.",
        "zh": "列 {column} 中的日期既可按“日/月”也可按“月/日”读取：请选择顺序后再次检查映射。"},
    "import.mapping.pending": {
        "en": "Map the columns of {name} below before importing (or remove the file).",
        "zh": "导入前请先在下方为 {name} 指定各列的含义（或移除该文件）。"},
    "import.mapping.other_layout": {
        "en": "{name} has another unknown layout: import it on its own after this one.",
        "zh": "{name} 是另一种未知格式：请在本次导入之后单独导入它。"},
    "import.mapping.saved": {
        "en": "Column mapping {name} saved as a profile: files with this header will import "
              "by themselves.",
        "zh": "列映射 {name} 已保存为配置：之后表头相同的文件会自动导入。"},
    "import.mapping.profiles": {"en": "Saved column mappings", "zh": "已保存的列映射"},
    "import.mapping.no_profiles": {
        "en": "No saved column mapping yet: one is saved when a file of an unknown layout is "
              "imported with a mapping.",
        "zh": "还没有保存的列映射：用列映射导入未知格式的文件后会自动保存。"},
    "import.mapping.profile_columns": {"en": "Columns: {columns}", "zh": "列：{columns}"},
    "import.mapping.delete": {"en": "Delete", "zh": "删除"},
    "import.mapping.deleted": {"en": "Profile {name} deleted.", "zh": "已删除配置 {name}。"},
    "import.mapping.unit.percent": {"en": "percent (4.5 means 4.5%)",
                                    "zh": "百分数（4.5 表示 4.5%）"},
    "import.mapping.unit.fraction": {"en": "fraction (0.045 means 4.5%)",
                                     "zh": "小数（0.045 表示 4.5%）"},
    "import.mapping.unit.seconds": {"en": "seconds", "zh": "秒"},
    "import.mapping.unit.minutes": {"en": "minutes", "zh": "分钟"},
    "import.mapping.unit.hours": {"en": "hours", "zh": "小时"},
    "import.mapping.field.ignore": {"en": "Not imported", "zh": "不导入"},
    "import.mapping.field.video_id": {"en": "Video / post id (kept as written)",
                                      "zh": "作品 ID（按原样保存）"},
    "import.mapping.field.title": {"en": "Title", "zh": "标题"},
    "import.mapping.field.caption": {"en": "Caption / description (#hashtags become tags)",
                                     "zh": "文案 / 描述（#话题 会成为标签）"},
    "import.mapping.field.url": {"en": "Link to the video", "zh": "作品链接"},
    "import.mapping.field.date": {"en": "Day of the row (daily files)",
                                  "zh": "该行的日期（每日数据）"},
    "import.mapping.field.published_at": {"en": "Publish date or time", "zh": "发布日期或时间"},
    "import.mapping.field.duration_s": {"en": "Video length", "zh": "作品时长"},
    "import.mapping.field.key": {"en": "Breakdown value (country, traffic source, age, ...)",
                                 "zh": "细分维度的值（国家、流量来源、年龄等）"},
    "import.mapping.field.views": {"en": "Views", "zh": "播放量"},
    "import.mapping.field.impressions": {"en": "Impressions", "zh": "曝光量"},
    "import.mapping.field.likes": {"en": "Likes", "zh": "点赞"},
    "import.mapping.field.dislikes": {"en": "Dislikes", "zh": "点踩"},
    "import.mapping.field.comments": {"en": "Comments", "zh": "评论"},
    "import.mapping.field.shares": {"en": "Shares", "zh": "分享"},
    "import.mapping.field.saves": {"en": "Saves", "zh": "收藏"},
    "import.mapping.field.danmaku": {"en": "Danmaku (bullet comments)", "zh": "弹幕"},
    "import.mapping.field.profile_views": {"en": "Profile views", "zh": "主页访问量"},
    "import.mapping.field.unique_viewers": {"en": "Unique viewers", "zh": "独立观众数"},
    "import.mapping.field.new_viewers": {"en": "New viewers", "zh": "新观众数"},
    "import.mapping.field.returning_viewers": {"en": "Returning viewers", "zh": "回访观众数"},
    "import.mapping.field.followers_gained": {"en": "Followers gained", "zh": "新增粉丝"},
    "import.mapping.field.followers_lost": {"en": "Followers lost", "zh": "流失粉丝"},
    "import.mapping.field.followers_net": {"en": "Net followers", "zh": "净增粉丝"},
    "import.mapping.field.followers_total": {"en": "Followers in total", "zh": "粉丝总数"},
    "import.mapping.field.impressions_ctr": {"en": "Impressions click-through rate (CTR)",
                                             "zh": "曝光点击率（CTR）"},
    "import.mapping.field.completion_rate": {"en": "Completion rate", "zh": "完播率"},
    "import.mapping.field.avg_view_pct": {"en": "Average percentage viewed",
                                          "zh": "平均观看百分比"},
    "import.mapping.field.bounce_rate_2s": {"en": "2-second bounce rate", "zh": "2 秒跳出率"},
    "import.mapping.field.engagement_rate": {"en": "Engagement rate", "zh": "互动率"},
    "import.mapping.field.watch_time_s": {"en": "Watch time", "zh": "观看时长"},
    "import.mapping.field.avg_view_duration_s": {"en": "Average view duration",
                                                 "zh": "平均观看时长"},
    "import.mapping.field.revenue": {"en": "Revenue (amount in a currency)",
                                     "zh": "收益（某种货币的金额）"},
    # ------------------------------------------------------------------ videos
    "videos.title": {"en": "Videos", "zh": "作品"},
    "videos.search": {"en": "Title or caption contains", "zh": "标题或文案包含"},
    "videos.content_type": {"en": "Content type", "zh": "内容类型"},
    "videos.all": {"en": "all", "zh": "全部"},
    "videos.ctype.video": {"en": "video", "zh": "视频"},
    "videos.ctype.short": {"en": "short", "zh": "短视频"},
    "videos.ctype.image post": {"en": "image post", "zh": "图文"},
    "videos.ctype.live": {"en": "live", "zh": "直播"},
    "videos.count_caption": {"en": "{shown} of {total} videos. Click a column header to sort.",
                             "zh": "共 {total} 条作品，显示 {shown} 条。点击列标题排序。"},
    "videos.one_video": {"en": "One video, day by day", "zh": "单条作品每日数据"},
    "videos.no_match": {"en": "No video matches the filters.", "zh": "没有符合筛选条件的作品。"},
    "videos.pick": {"en": "Video", "zh": "作品"},
    "videos.no_daily": {
        "en": "No daily numbers for this video: its exports only carry lifetime totals.",
        "zh": "这条作品没有每日数据：它的导出文件只有累计总数。"},
    "videos.curve_caption": {"en": "{views} views over {days} days with daily numbers.",
                             "zh": "有每日数据的 {days} 天内共 {views} 次播放。"},
    "videos.outliers": {"en": "Outliers against the channel median",
                        "zh": "相对账号中位数的异常作品"},
    "videos.no_views": {"en": "No video with known views yet.", "zh": "还没有已知播放量的作品。"},
    "videos.outliers_caption": {
        "en": "Lifetime views divided by the median of the channel's videos; flagged above "
              "{high}× or below 1/{low}. {flagged} of {total} videos flagged.",
        "zh": "累计播放量除以账号作品播放量中位数；高于 {high}× 或低于 1/{low} 时标记。"
              "{total} 条作品中标记了 {flagged} 条。"},
    "videos.col.title": {"en": "Title", "zh": "标题"},
    "videos.col.channel": {"en": "Channel", "zh": "账号"},
    "videos.col.published": {"en": "Published", "zh": "发布时间"},
    "videos.col.type": {"en": "Type", "zh": "类型"},
    "videos.col.duration": {"en": "Duration (s)", "zh": "时长（秒）"},
    "videos.col.views": {"en": "Views", "zh": "播放量"},
    "videos.col.likes": {"en": "Likes", "zh": "点赞"},
    "videos.col.comments": {"en": "Comments", "zh": "评论"},
    "videos.col.shares": {"en": "Shares", "zh": "分享"},
    "videos.col.saves": {"en": "Saves", "zh": "收藏"},
    "videos.col.engagement": {"en": "Engagement rate", "zh": "互动率"},
    "videos.col.engagement_help": {"en": "(likes + comments + shares + saves) / views",
                                   "zh": "（点赞 + 评论 + 分享 + 收藏）/ 播放量"},
    "videos.col.tags": {"en": "Tags", "zh": "标签"},
    "videos.col.views_source": {"en": "Views from", "zh": "播放量来源"},
    "videos.col.views_source_help": {
        "en": "'totals': latest lifetime export; 'daily': sum of daily rows",
        "zh": "'totals'：最新的累计导出数据；'daily'：每日数据之和"},
    "videos.col.as_of": {"en": "As of", "zh": "截至"},
    "videos.col.flag": {"en": "Flag", "zh": "标记"},
    "videos.col.channel_median": {"en": "Channel median", "zh": "账号中位数"},
    "videos.col.ratio": {"en": "× median", "zh": "× 中位数"},
    "videos.col.views_in_period": {"en": "Views in period", "zh": "期间播放量"},
    "videos.col.lifetime_views": {"en": "Lifetime views", "zh": "累计播放量"},
    # ------------------------------------------------------------------ drivers
    "drivers.title": {"en": "What drives reach", "zh": "影响曝光的因素"},
    "drivers.caption": {
        "en": "Models learn from your own history which pre-publish features (length, publish "
              "time, topic, title, cadence) go with more views, and are tested forward in time "
              "against the simple rule \"my next video does like my last 10\".",
        "zh": "模型从你自己的历史数据中学习哪些发布前就确定的特征（时长、发布时间、话题、标题、"
              "发布节奏）与更多播放相关，并按时间顺序向前检验，与“下一条作品表现和最近 10 条差不多”"
              "这一简单规则比较。"},
    "drivers.explain": {"en": "Explain", "zh": "解释目标"},
    "drivers.target.exposure": {"en": "Exposure (views)", "zh": "曝光（播放量）"},
    "drivers.target.engagement": {"en": "Engagement rate", "zh": "互动率"},
    "drivers.target.completion": {"en": "Completion rate", "zh": "完播率"},
    "drivers.fitting": {"en": "Fitting models on forward folds…",
                        "zh": "正在按时间顺序分折训练模型…"},
    "drivers.quality": {"en": "Model quality vs baseline", "zh": "模型质量与基线对比"},
    "drivers.drivers": {"en": "Drivers", "zh": "驱动因素"},
    "drivers.curves": {"en": "How each top feature plays out", "zh": "主要特征的影响方式"},
    "drivers.curves_caption": {
        "en": "Red: partial dependence (all videos, only this feature changed). Grey: individual "
              "videos (ICE). 1.0 is the average video.",
        "zh": "红线：部分依赖（所有作品，仅改变此特征）。灰线：单条作品（ICE 曲线）。1.0 代表平均作品。"},
    "drivers.unavailable": {"en": "Not in your data (no values, or all the same): {features}",
                            "zh": "你的数据中没有（无值或全部相同）：{features}"},
    "drivers.col.mae_vs_baseline": {"en": "MAE vs baseline", "zh": "MAE 与基线对比"},
    "drivers.col.importance": {"en": "Permutation importance", "zh": "置换重要性"},
    "drivers.col.model": {"en": "Model", "zh": "模型"},
    "drivers.col.mae_log": {"en": "MAE (log)", "zh": "MAE（对数）"},
    "drivers.col.mae_spread": {"en": "MAE spread over folds", "zh": "MAE 各折标准差"},
    "drivers.col.spearman": {"en": "Spearman", "zh": "Spearman 相关"},
    "drivers.col.auc": {"en": "ROC AUC (top quarter)", "zh": "ROC AUC（前四分之一）"},
    "drivers.col.vs_baseline": {"en": "vs baseline", "zh": "与基线相比"},
    "drivers.col.chosen": {"en": "Chosen", "zh": "选用"},
    "drivers.model.hgb": {"en": "Gradient boosting (HistGradientBoosting)",
                          "zh": "梯度提升（HistGradientBoosting）"},
    "drivers.model.linear": {"en": "Linear (ridge)", "zh": "线性模型（岭回归）"},
    "drivers.model.mlp": {"en": "Neural network (MLP)", "zh": "神经网络（MLP）"},
    "drivers.model.baseline": {"en": "Baseline: trailing median", "zh": "基线：近期中位数"},
    "drivers.verdict_model.hgb": {"en": "gradient boosting", "zh": "梯度提升模型"},
    "drivers.verdict_model.linear": {"en": "the linear model", "zh": "线性模型"},
    "drivers.verdict_model.mlp": {"en": "the neural network", "zh": "神经网络"},
    "drivers.verdict.beats": {
        "en": "Best on {folds} forward folds: {model}, {gain} lower error than the channel's "
              "trailing median (MAE {mae} vs {mae_base} on the log scale; Spearman {spearman}).",
        "zh": "在 {folds} 个时间分折上表现最好的是{model}，误差比账号近期中位数低 {gain}"
              "（对数尺度 MAE {mae} 对比 {mae_base}；Spearman {spearman}）。"},
    "drivers.verdict.none": {
        "en": "No model beats the channel's trailing median on {folds} forward folds (best: "
              "{model}, error {change}); read the drivers below as weak hints.",
        "zh": "在 {folds} 个时间分折上没有模型优于账号近期中位数（最好的是{model}，误差 {change}）；"
              "下面的驱动因素仅作参考。"},
    "drivers.quality_caption": {
        "en": "{videos} videos, {folds} forward folds (each trained only on videos published "
              "before its test videos). MAE on the log scale: 0.1 is about 10 % off. Spearman: "
              "how well the order of videos is predicted. ROC AUC: telling top-quarter videos "
              "from the rest (0.5 is chance).",
        "zh": "{videos} 条作品，{folds} 个时间分折（每折只用测试作品之前发布的作品训练）。"
              "对数尺度 MAE：0.1 约等于偏差 10%。Spearman：作品先后排序预测得有多准。"
              "ROC AUC：区分前四分之一作品与其余作品的能力（0.5 为随机水平）。"},
    "drivers.word.exposure": {"en": "exposure", "zh": "曝光"},
    "drivers.word.engagement": {"en": "engagement rate", "zh": "互动率"},
    "drivers.word.completion": {"en": "completion rate", "zh": "完播率"},
    "drivers.reading": {
        "en": "{label}: about {ratio} the {target} of {others} (n={n_in} vs {n_out}; range over "
              "{folds} forward folds {low}-{high}; observed medians {observed})",
        "zh": "{label}：{target}约为{others}的 {ratio}（n={n_in} 对比 {n_out}；{folds} 个时间分折的"
              "范围 {low}–{high}；观测中位数之比 {observed}）"},
    "drivers.reading.level": {"en": "{feature} '{level}'", "zh": "{feature}「{level}」"},
    "drivers.reading.hours": {"en": "published {low}-{high}", "zh": "在 {low}–{high} 发布"},
    "drivers.reading.weekday": {"en": "published on {day}", "zh": "在{day}发布"},
    "drivers.reading.weekdays": {"en": "published {low}-{high}", "zh": "在{low}至{high}发布"},
    "drivers.reading.title_with": {"en": "{feature}: yes", "zh": "{feature}：是"},
    "drivers.reading.title_without": {"en": "{feature}: no", "zh": "{feature}：否"},
    "drivers.reading.range": {"en": "{feature} {values}", "zh": "{feature}为 {values}"},
    "drivers.reading.seconds": {"en": " s", "zh": " 秒"},
    "drivers.reading.other_levels": {"en": "other {feature} values", "zh": "其他{feature}"},
    "drivers.reading.other_videos": {"en": "the other videos", "zh": "其他作品"},
    "drivers.feature.duration_s": {"en": "Duration", "zh": "时长"},
    "drivers.feature.publish_hour": {"en": "Publish hour", "zh": "发布时段"},
    "drivers.feature.publish_weekday": {"en": "Publish weekday", "zh": "发布星期"},
    "drivers.feature.topic": {"en": "Topic", "zh": "话题"},
    "drivers.feature.content_type": {"en": "Content type", "zh": "内容类型"},
    "drivers.feature.title_length": {"en": "Title length", "zh": "标题长度"},
    "drivers.feature.title_has_number": {"en": "Number in title", "zh": "标题含数字"},
    "drivers.feature.title_has_question": {"en": "Question in title", "zh": "标题含问句"},
    "drivers.feature.title_has_emoji": {"en": "Emoji in title", "zh": "标题含表情"},
    "drivers.feature.hashtag_count": {"en": "Hashtags", "zh": "话题标签数"},
    "drivers.feature.days_since_prev_upload": {"en": "Days since previous upload",
                                               "zh": "距上次发布天数"},
    "drivers.feature.uploads_prev_7d": {"en": "Uploads in previous 7 days",
                                        "zh": "前 7 天发布数"},
    "drivers.feature.followers_at_publish": {"en": "Followers at publish", "zh": "发布时粉丝数"},
    "drivers.feature.platform": {"en": "Platform", "zh": "平台"},
    # ------------------------------------------------------------------ planner
    "planner.title": {"en": "Plan your next video", "zh": "规划下一条作品"},
    "planner.predict": {"en": "Predict", "zh": "预测目标"},
    "planner.for": {"en": "For", "zh": "账号"},
    "planner.topic": {"en": "Topic", "zh": "话题"},
    "planner.content_type": {"en": "Content type", "zh": "内容类型"},
    "planner.duration": {"en": "Duration (s)", "zh": "时长（秒）"},
    "planner.publish_time": {"en": "Publish time", "zh": "发布时间"},
    "planner.title_text": {"en": "Title", "zh": "标题"},
    "planner.low": {"en": "Low (p10)", "zh": "保守（p10）"},
    "planner.likely": {"en": "Likely (p50)", "zh": "可能（p50）"},
    "planner.high": {"en": "High (p90)", "zh": "乐观（p90）"},
    "planner.last10": {"en": "Your last 10 videos (median)", "zh": "你最近 10 条作品（中位数）"},
    "planner.fitting": {"en": "Fitting the p10 / p50 / p90 models…",
                        "zh": "正在训练 p10 / p50 / p90 模型…"},
    "planner.channel": {"en": "Channel to plan for", "zh": "为哪个账号规划"},
    "planner.publish_date": {"en": "Publish date", "zh": "发布日期"},
    "planner.publish_hour": {"en": "Publish hour (channel time)", "zh": "发布时段（账号所在时区）"},
    "planner.length": {"en": "Length (seconds)", "zh": "时长（秒）"},
    "planner.working_title": {"en": "Working title", "zh": "暂定标题"},
    "planner.caption_text": {"en": "Caption (hashtags count)", "zh": "文案（话题标签计入特征）"},
    "planner.predicted_caption": {
        "en": "Predicted {unit}. Your history: p10 {p10}, median {p50}, p90 {p90}.",
        "zh": "预测的是{unit}。你的历史数据：p10 {p10}，中位数 {p50}，p90 {p90}。"},
    "planner.honesty": {
        "en": "Honesty check: tested forward in time, {coverage} of your past videos fell inside "
              "their p10-p90 range (aim: 80 %; the quantile models alone: {raw}, so the range "
              "was widened to match).",
        "zh": "可信度检查：按时间顺序向前检验，你过去的作品有 {coverage} 落在各自的 p10–p90 区间内"
              "（目标 80%；仅用分位数模型时为 {raw}，因此区间已相应放宽）。"},
    "planner.no_better": {
        "en": "For this channel the model does not beat the simple baseline on past videos: "
              "this prediction is no better than your last 10 videos' median ({median}).",
        "zh": "对这个账号，模型在过去作品上没有胜过简单基线：这个预测并不比你最近 10 条作品的"
              "中位数（{median}）更准。"},
    "planner.unit.views_d7": {"en": "views in the first 7 days", "zh": "发布后 7 天播放量"},
    "planner.unit.views_per_day": {"en": "views per day", "zh": "日均播放量"},
    "planner.unit.engagement_rate": {"en": "engagement rate", "zh": "互动率"},
    "planner.unit.completion_rate": {"en": "completion rate", "zh": "完播率"},
    # ------------------------------------------------------------------ fans
    "fans.title": {"en": "Fans", "zh": "粉丝"},
    "fans.fitting": {"en": "Fitting the fans model and its baselines…",
                     "zh": "正在训练粉丝模型及其基线…"},
    "fans.quality": {"en": "How good is the fans model?", "zh": "粉丝模型效果如何？"},
    "fans.segments": {"en": "Fan segments", "zh": "粉丝分群"},
    "fans.segments_caption": {
        "en": "Segments group fans whose tastes the model finds alike (k-means on the fans' "
              "factors); each is described by what its fans engage with, never by who they are.",
        "zh": "分群把模型认为口味相近的粉丝归为一组（对粉丝因子做 k-means 聚类）；每个分群只按其粉丝"
              "互动的内容描述，从不涉及个人身份。"},
    "fans.topics_wanted": {"en": "Topics your fans want", "zh": "粉丝想看的话题"},
    "fans.topics_caption": {
        "en": "Fans' share: how the segment's interest would split over topics if you posted "
              "each equally; your share: how often you post it.",
        "zh": "粉丝份额：如果每个话题发得一样多，该分群的兴趣会如何分布；你的份额：你发布该话题的频率。"},
    "fans.back_catalogue": {"en": "Back-catalogue picks", "zh": "值得重新推荐的旧作品"},
    "fans.similar_videos": {"en": "Similar videos", "zh": "相似作品"},
    "fans.similar_channels": {"en": "Topics from similar channels", "zh": "相似账号的话题"},
    "fans.pick_channel": {"en": "Pick one channel in the sidebar to see topics that channels "
                                "like it use.",
                          "zh": "请在侧边栏选择一个账号，查看相似账号使用的话题。"},
    "fans.all_topics": {"en": "All topics", "zh": "全部话题"},
    "fans.col.segment": {"en": "Segment", "zh": "分群"},
    "fans.col.fans": {"en": "Fans", "zh": "粉丝数"},
    "fans.col.share": {"en": "Share", "zh": "占比"},
    "fans.col.top_topics": {"en": "Top topics", "zh": "主要话题"},
    "fans.col.demand_share": {"en": "Fans' share", "zh": "粉丝份额"},
    "fans.col.posting_share": {"en": "Your share", "zh": "你的份额"},
    "fans.col.gap": {"en": "Gap", "zh": "差距"},
    "fans.col.top_videos": {"en": "Top videos", "zh": "主要作品"},
    "fans.col.model": {"en": "Model", "zh": "模型"},
    "fans.col.precision": {"en": "Precision@{k}", "zh": "精确率@{k}"},
    "fans.col.recall": {"en": "Recall@{k}", "zh": "召回率@{k}"},
    "fans.col.ndcg": {"en": "NDCG@{k}", "zh": "NDCG@{k}"},
    "fans.col.map": {"en": "MAP@{k}", "zh": "MAP@{k}"},
    "fans.col.coverage": {"en": "Coverage", "zh": "覆盖率"},
    "fans.col.novelty": {"en": "Novelty (bits)", "zh": "新颖度（比特）"},
    "fans.col.diversity": {"en": "Diversity", "zh": "多样性"},
    "fans.col.vs_popularity": {"en": "NDCG vs popularity", "zh": "NDCG 相对热门度基线"},
    "fans.col.topic": {"en": "Topic", "zh": "话题"},
    "fans.col.videos_posted": {"en": "Videos posted", "zh": "已发布作品数"},
    "fans.col.video": {"en": "Video", "zh": "作品"},
    "fans.col.video_id": {"en": "Video id", "zh": "作品 ID"},
    "fans.col.similarity": {"en": "Similarity", "zh": "相似度"},
    "fans.col.predicted_preference": {"en": "Predicted preference", "zh": "预测喜爱度"},
    "fans.col.reached_share": {"en": "Already reached", "zh": "已触达比例"},
    "fans.col.unreached_fans": {"en": "Fans not reached", "zh": "未触达粉丝数"},
    "fans.col.age_days": {"en": "Age (days)", "zh": "发布天数"},
    "fans.col.score": {"en": "Score", "zh": "得分"},
    "fans.col.similar_channels_using": {"en": "Similar channels using it",
                                        "zh": "使用该话题的相似账号数"},
    "fans.col.evidence": {"en": "Evidence (channels like yours using it)",
                          "zh": "依据（使用该话题的相似账号）"},
    "fans.model.als": {"en": "ALS (fans model)", "zh": "ALS（粉丝模型）"},
    "fans.model.popularity": {"en": "Popularity (baseline)", "zh": "热门度（基线）"},
    "fans.model.item_cosine": {"en": "Item-item cosine (baseline)",
                               "zh": "作品间余弦相似度（基线）"},
    "fans.caption": {
        "en": "Who engages with which video, turned into fan segments, similar videos and the "
              "topics your fans want. The fans model (implicit-feedback ALS) is tested on each "
              "fan's latest videos against two simple baselines; spam-flagged interactions are "
              "left out. Segments under 10 fans are merged, and no fan is ever listed.",
        "zh": "根据谁与哪条作品互动，得出粉丝分群、相似作品和粉丝想看的话题。粉丝模型（隐式反馈 ALS）"
              "用每位粉丝最近互动的作品来检验，并与两个简单基线比较；被标记为垃圾信息的互动不计入。"
              "不足 10 位粉丝的分群会被合并，也从不列出任何一位粉丝。"},
    "fans.no_segment": {"en": "No segment stands out yet.", "zh": "目前还没有突出的粉丝分群。"},
    "fans.quality_caption": {
        "en": "{fans} fans, {videos} videos. Each fan's latest videos were hidden and every "
              "video ranked for {evaluated} fans (videos they had already seen left out): "
              "precision@{k} = hidden videos found in the top {k} / {k}; NDCG also rewards "
              "finding them near the top. ALS used {factors} factors, regularization "
              "{regularization}, alpha {alpha}, {iterations} iterations (chosen by {chosen_by}).",
        "zh": "{fans} 位粉丝，{videos} 条作品。先隐藏每位粉丝最近互动的作品，再为 {evaluated} "
              "位粉丝给所有作品排序（已看过的作品除外）：precision@{k} = 前 {k} 名中找回的隐藏作品数 / "
              "{k}；NDCG 还会奖励把它们排得更靠前。ALS 使用 {factors} 个因子、正则化 "
              "{regularization}、alpha {alpha}、{iterations} 次迭代（{chosen_by}）。"},
    "fans.chosen_by.validation": {"en": "validation", "zh": "由验证集选定"},
    "fans.chosen_by.default": {"en": "default", "zh": "默认值"},
    "fans.chosen_by.given": {"en": "given", "zh": "手动指定"},
    "fans.other_k": {"en": "k = {k}", "zh": "k = {k}"},
    "fans.no_topics": {
        "en": "Too few tagged videos to compare topics (a topic needs at least 2 videos).",
        "zh": "带标签的作品太少，无法比较话题（每个话题至少需要 2 条作品）。"},
    "fans.all_fans": {"en": "All fans", "zh": "全部粉丝"},
    "fans.segment_label": {"en": "Segment {id}", "zh": "分群 {id}"},
    "fans.segment_topics": {"en": "Segment {id} ({topics})", "zh": "分群 {id}（{topics}）"},
    "fans.segment_bar": {"en": "Segment {id}: {topics}", "zh": "分群 {id}：{topics}"},
    "fans.no_topic_stands_out": {"en": "no topic stands out", "zh": "没有突出的话题"},
    "fans.n_fans": {"en": "{count} fans", "zh": "{count} 位粉丝"},
    "fans.axis_fans": {"en": "fans", "zh": "粉丝数"},
    "fans.video_option": {"en": "{title} ({fans} fans)", "zh": "{title}（{fans} 位粉丝）"},
    "fans.topic_hover": {
        "en": "fans' share {demand} %, your posting share {posting} % ({videos} videos)",
        "zh": "粉丝份额 {demand} %，你的发布份额 {posting} %（{videos} 条作品）"},
    "fans.gap_axis": {"en": "gap, percentage points (right: fans want more than you post)",
                      "zh": "差距（百分点；向右：粉丝想看的多于你发布的）"},
    "fans.pick_video": {"en": "Video", "zh": "作品"},
    "fans.matched_by_tags": {
        "en": "This video has no fans yet, so it is matched through its tags ({message}).",
        "zh": "这条作品还没有粉丝，因此按它的标签匹配（{message}）。"},
    "fans.no_back_catalogue": {"en": "No older video stands out for a segment yet.",
                               "zh": "目前还没有对某个分群特别突出的旧作品。"},
    "fans.back_catalogue_caption": {
        "en": "Videos at least 30 days old that at most half of a segment has seen, ranked by "
              "how much the segment's other fans are predicted to like them: worth re-promoting "
              "(pin, playlist, community post) to that segment.",
        "zh": "发布至少 30 天、分群中看过的粉丝不超过一半的作品，按该分群其他粉丝的预测喜爱程度排序："
              "值得向该分群重新推荐（置顶、加入合集、发动态）。"},
    "fans.market_caption": {
        "en": "From every channel in your store (market data such as trending snapshots "
              "included): topics channels with a similar topic mix use and you do not, with "
              "those channels as evidence.",
        "zh": "基于数据库中的所有账号（包括热门榜单等市场数据）：话题构成与你相似的账号在用、而你还没用的"
              "话题，并列出这些账号作为依据。"},
    # ------------------------------------------------------------------ strategy page
    "strategy.title": {"en": "Strategy", "zh": "策略建议"},
    "strategy.caption": {
        "en": "What to do next, and why: each card makes one claim from your own numbers, "
              "shows the evidence and how sure it is, and ends with one action. Ranked by "
              "expected gain × confidence.",
        "zh": "下一步做什么、为什么：每张卡片基于你自己的数据提出一个结论，给出证据和可信程度，"
              "并附上一个具体行动。按预期收益 × 可信度排序。"},
    "strategy.computing": {"en": "Analysing your videos and fitting the models…",
                           "zh": "正在分析作品并训练模型…"},
    "strategy.no_cards": {"en": "No card yet: import per-video exports first.",
                          "zh": "暂无建议：请先导入单条作品的数据。"},
    "strategy.evidence": {"en": "Evidence", "zh": "证据"},
    "strategy.action": {"en": "Do next", "zh": "下一步"},
    "strategy.confidence": {"en": "Confidence", "zh": "可信度"},
    "strategy.download_report": {"en": "Download the report (HTML)",
                                 "zh": "下载报告（HTML）"},
    "strategy.download_csv": {"en": "Download the cards (CSV)", "zh": "下载建议卡片（CSV）"},
    "strategy.growth": {"en": "Growth details", "zh": "增长详情"},
    "strategy.best_hours": {"en": "Reach by publish hour", "zh": "各发布时段的曝光"},
    "strategy.trend": {"en": "Daily views and trend", "zh": "每日播放量与趋势"},
    "strategy.seasonality": {"en": "Weekly pattern of daily views", "zh": "每日播放量的周规律"},
    "strategy.outliers": {"en": "Outliers per format", "zh": "各形式的异常作品"},
    "strategy.trend_caption": {
        "en": "Daily views change by {growth} per 30 days ({level} interval {low} to {high}).",
        "zh": "每日播放量每 30 天变化 {growth}（{level} 区间 {low} 至 {high}）。"},
    "strategy.method": {
        "en": "Reach = views in the first 7 days (or views per day for lifetime-only exports), "
              "divided by the channel's typical reach at publish time. Intervals: 95% "
              "bootstrap.",
        "zh": "曝光 = 发布后 7 天播放量（仅有累计数据时为日均播放量），除以发布时账号的常规曝光水平。"
              "区间：95% bootstrap 区间。"},
    "strategy.models_line": {
        "en": "Checked against the drivers model ({model}; {verdict}).",
        "zh": "已用影响因素模型核对（{model}；{verdict}）。"},
    "strategy.beats_baseline": {"en": "beats the trailing-median baseline",
                                "zh": "优于近期中位数基线"},
    "strategy.not_beats_baseline": {
        "en": "does not beat the trailing-median baseline, so it only confirms directions",
        "zh": "未优于近期中位数基线，仅用于确认方向"},
    # ------------------------------------------------------------------ confidence / evidence
    "confidence.high": {"en": "High confidence", "zh": "高可信度"},
    "confidence.medium": {"en": "Medium confidence", "zh": "中等可信度"},
    "confidence.low": {"en": "Low confidence", "zh": "低可信度"},
    "unit.videos": {"en": "videos", "zh": "条作品"},
    "unit.weeks": {"en": "weeks", "zh": "周"},
    "unit.fans": {"en": "fans", "zh": "位粉丝"},
    "unit.channels": {"en": "channels", "zh": "个账号"},
    "unit.days": {"en": "days", "zh": "天"},
    "unit.interactions": {"en": "fan interactions", "zh": "条粉丝互动"},
    "evidence.sep": {"en": " · ", "zh": " · "},
    "evidence.n": {"en": "n = {n} {unit}", "zh": "n = {n} {unit}"},
    "evidence.n_vs": {"en": "n = {n} vs {n_ref} {unit}", "zh": "n = {n} 对比 {n_ref} {unit}"},
    "evidence.effect.reach": {"en": "{effect} the reach", "zh": "曝光为 {effect}"},
    "evidence.effect.followers": {"en": "{effect} the new followers", "zh": "新增粉丝为 {effect}"},
    "evidence.effect.demand": {"en": "{effect} fans' interest vs posting share",
                               "zh": "粉丝兴趣为发布占比的 {effect}"},
    "evidence.effect.preference": {"en": "{effect} the predicted interest in videos they watch",
                                   "zh": "预测兴趣为已互动作品的 {effect}"},
    "evidence.channels": {"en": "{share} of the most similar channels",
                          "zh": "占最相似账号的 {share}"},
    "evidence.interval": {"en": "{level} interval {low}–{high}", "zh": "{level} 区间 {low}–{high}"},
    "evidence.range": {"en": "range {low}–{high}", "zh": "范围 {low}–{high}"},
    "evidence.model_agrees": {"en": "model agrees: {ratio} (forward folds {low}–{high})",
                              "zh": "模型一致：{ratio}（时间分折 {low}–{high}）"},
    "evidence.model_differs": {
        "en": "model reads {ratio} (forward folds {low}–{high}), not a clear confirmation",
        "zh": "模型结果为 {ratio}（时间分折 {low}–{high}），未能明确证实"},
    "evidence.unlock": {"en": "available now: {n} {unit}", "zh": "当前可用：{n} {unit}"},
    # ------------------------------------------------------------------ labels
    "bucket.le60": {"en": "60 s or shorter", "zh": "60秒以内"},
    "bucket.61_180": {"en": "1–3 min", "zh": "1–3分钟"},
    "bucket.gt180": {"en": "over 3 min", "zh": "3分钟以上"},
    "bucket.lt1": {"en": "same day", "zh": "当天"},
    "bucket.1_3": {"en": "1–3 days", "zh": "1–3 天"},
    "bucket.3_7": {"en": "3–7 days", "zh": "3–7 天"},
    "bucket.ge7": {"en": "a week or more", "zh": "一周及以上"},
    "ctype.video": {"en": "videos", "zh": "视频"},
    "ctype.short": {"en": "shorts", "zh": "短视频"},
    "ctype.image post": {"en": "image posts", "zh": "图文"},
    "ctype.live": {"en": "lives", "zh": "直播"},
    "uploads.0": {"en": "0 uploads", "zh": "0 条"},
    "uploads.1": {"en": "1 upload", "zh": "1 条"},
    "uploads.2": {"en": "2 uploads", "zh": "2 条"},
    "uploads.3": {"en": "3 uploads", "zh": "3 条"},
    "uploads.4": {"en": "4+ uploads", "zh": "4 条及以上"},
    # ------------------------------------------------------------------ charts
    "chart.rel_reach": {"en": "Reach vs typical (×)", "zh": "曝光 / 常规水平（×）"},
    "chart.followers_rel": {"en": "New followers vs typical week (×)",
                            "zh": "新增粉丝 / 常规周（×）"},
    "chart.uploads_week": {"en": "Uploads in the week", "zh": "当周发布数"},
    "chart.hour": {"en": "Publish hour (local time)", "zh": "发布时段（当地时间）"},
    "chart.weekday": {"en": "Weekday", "zh": "星期"},
    "chart.videos": {"en": "videos", "zh": "条作品"},
    "chart.demand_share": {"en": "Fans' share of interest", "zh": "粉丝兴趣占比"},
    "chart.posting_share": {"en": "Your share of posts", "zh": "你的发布占比"},
    "chart.views": {"en": "Views", "zh": "播放量"},
    "chart.trend": {"en": "Trend", "zh": "趋势"},
    "chart.date": {"en": "Date", "zh": "日期"},
    "chart.multiplier": {"en": "Daily views vs weekly mean (×)", "zh": "每日播放量 / 周均值（×）"},
    "chart.ratio_format": {"en": "Reach vs format median (×)", "zh": "曝光 / 同形式中位数（×）"},
    "chart.typical": {"en": "typical", "zh": "常规水平"},
    "chart.not_enough": {"en": "fewer than {n} videos", "zh": "少于 {n} 条作品"},
    "chart.daily": {"en": "daily", "zh": "每日"},
    "chart.rolling_mean": {"en": "{days}-day mean", "zh": "{days}日均值"},
    "chart.net_followers_day": {"en": "net followers / day", "zh": "每日净增粉丝"},
    "chart.followers_total": {"en": "followers total", "zh": "粉丝总数"},
    "chart.total": {"en": "total", "zh": "总数"},
    "chart.net_per_day": {"en": "net per day", "zh": "每日净增"},
    "chart.views_day": {"en": "views / day", "zh": "每日播放"},
    "chart.cumulative": {"en": "cumulative", "zh": "累计"},
    "chart.views_per_day": {"en": "views per day", "zh": "每日播放量"},
    "chart.cumulative_views": {"en": "cumulative views", "zh": "累计播放量"},
    "chart.hover_views": {"en": "{views} views", "zh": "{views} 次播放"},
    "chart.hover_views_ratio": {"en": "{views} views, {ratio}× channel median",
                                "zh": "{views} 次播放，账号中位数的 {ratio}×"},
    "chart.flag.above": {"en": "above", "zh": "高于"},
    "chart.flag.typical": {"en": "typical", "zh": "常规"},
    "chart.flag.below": {"en": "below", "zh": "低于"},
    "chart.outliers_title": {"en": "Views against the channel median",
                             "zh": "播放量与账号中位数对比"},
    "chart.published": {"en": "published", "zh": "发布时间"},
    "chart.lifetime_views_log": {"en": "lifetime views (log scale)", "zh": "累计播放量（对数坐标）"},
    "chart.importance_title": {
        "en": "Permutation importance on held-out folds (mean ± sd across folds)",
        "zh": "留出折上的置换重要性（各折均值 ± 标准差）"},
    "chart.importance_axis": {"en": "increase in MAE (log scale) when shuffled",
                              "zh": "打乱后 MAE 的增加（对数尺度）"},
    "chart.importance_hover": {"en": "MAE increase, log scale", "zh": "MAE 增加，对数尺度"},
    "chart.partial_dependence": {"en": "partial dependence", "zh": "部分依赖"},
    "chart.pd_title": {"en": "{feature}: expected {target} vs the average video",
                       "zh": "{feature}：预期{target}相对平均作品"},
    "chart.x_average": {"en": "x average", "zh": "× 平均"},
    "chart.past_videos": {"en": "past videos", "zh": "过往作品"},
    "chart.planned_range": {"en": "planned p10-p90", "zh": "计划作品 p10–p90"},
    "chart.planned_p50": {"en": "planned p50 {value}", "zh": "计划作品 p50 {value}"},
    "chart.plan_title": {"en": "Your planned video against your history",
                         "zh": "计划作品与你的历史作品对比"},
    # ------------------------------------------------------------------ report
    "report.title": {"en": "Content strategy report", "zh": "内容策略报告"},
    "report.for_channel": {"en": "Channel: {channel}", "zh": "账号：{channel}"},
    "report.generated": {"en": "Generated {date} from {videos} videos.",
                         "zh": "生成于 {date}，基于 {videos} 条作品。"},
    "report.cards": {"en": "Recommendations", "zh": "建议"},
    "report.growth": {"en": "Growth", "zh": "增长"},
    "report.method": {"en": "How to read this report", "zh": "如何阅读本报告"},
    "report.notes": {"en": "Notes", "zh": "说明"},
    # ------------------------------------------------------------------ notes
    "note.model_skipped": {"en": "The drivers model did not run: {reason}",
                           "zh": "影响因素模型未运行：{reason}"},
    "note.fans_skipped": {"en": "The fans model did not run: {reason}",
                          "zh": "粉丝模型未运行：{reason}"},
    "note.market_skipped": {"en": "Topics from similar channels are not available: {reason}",
                            "zh": "无法获得相似账号的话题：{reason}"},
    "note.models_off": {"en": "Models were not run: cards come from growth analytics only.",
                        "zh": "未运行模型：卡片仅来自增长分析。"},
    "note.fans_thin": {"en": "Only {fans_count} fans with interactions: too few for fan cards.",
                       "zh": "只有 {fans_count} 位有互动的粉丝，不足以给出粉丝建议。"},
    # ------------------------------------------------------------------ cards
    "card.duration.title": {"en": "Keep videos {best_bucket}", "zh": "视频时长控制在{best_bucket}"},
    "card.duration.claim": {
        "en": "Your videos of {best_bucket} reached {effect_ratio} the views of your videos "
              "{worst_bucket}, measured against your channel's typical reach when each was "
              "published.",
        "zh": "与发布时账号的常规曝光相比，你{best_bucket}的视频获得的播放量是{worst_bucket}视频的 "
              "{effect_ratio}。"},
    "card.duration.action": {
        "en": "Cut your next videos to {best_bucket}; so far {share_pct} of your videos are.",
        "zh": "把接下来的视频剪到{best_bucket}；目前只有 {share_pct} 的作品是这个时长。"},
    "card.publish_hour.title": {"en": "Publish between {start_hour} and {end_hour}",
                                "zh": "在 {start_hour}–{end_hour} 之间发布"},
    "card.publish_hour.claim": {
        "en": "Videos published between {start_hour} and {end_hour} (your channel's local "
              "time) reached {effect_ratio} the views of videos published at other hours.",
        "zh": "在 {start_hour}–{end_hour}（账号所在时区）发布的作品，播放量是其他时段作品的 "
              "{effect_ratio}。"},
    "card.publish_hour.action": {
        "en": "Schedule your next uploads for {start_hour}–{end_hour}; {share_pct} of your "
              "videos went out then so far.",
        "zh": "把接下来的作品定时在 {start_hour}–{end_hour} 发布；目前只有 {share_pct} "
              "的作品在这个时段发布。"},
    "card.topic_up.title": {"en": "Make more {topic}", "zh": "多做「{topic}」"},
    "card.topic_up.claim": {
        "en": "Your {topic} videos reached {effect_ratio} the views of your other videos.",
        "zh": "你的「{topic}」作品播放量是其他作品的 {effect_ratio}。"},
    "card.topic_up.action": {
        "en": "Plan one more {topic} video a week; it is {share_pct} of your videos today.",
        "zh": "每周多安排一条「{topic}」作品；目前它只占你作品的 {share_pct}。"},
    "card.topic_down.title": {"en": "Rethink {topic}", "zh": "调整「{topic}」"},
    "card.topic_down.claim": {
        "en": "Your {topic} videos reached only {effect_ratio} the views of your other videos.",
        "zh": "你的「{topic}」作品播放量只有其他作品的 {effect_ratio}。"},
    "card.topic_down.action": {
        "en": "Post fewer {topic} videos ({share_pct} of your videos now), or try a new hook, "
              "length or hour before the next one.",
        "zh": "减少「{topic}」作品（目前占 {share_pct}），或在下一条之前换一个开头、时长或发布时段。"},
    "card.format.title": {"en": "Favour {best_ctype} over {worst_ctype}",
                          "zh": "多发{best_ctype}，少发{worst_ctype}"},
    "card.format.claim": {
        "en": "Your {best_ctype} reached {effect_ratio} the views of your {worst_ctype}.",
        "zh": "你的{best_ctype}播放量是{worst_ctype}的 {effect_ratio}。"},
    "card.format.action": {
        "en": "Turn your next {worst_ctype} idea into one of your {best_ctype}; {share_pct} of "
              "your posts are {best_ctype} so far.",
        "zh": "把下一个{worst_ctype}的创意做成{best_ctype}；目前{best_ctype}占你作品的 {share_pct}。"},
    "card.cadence_busy.title": {"en": "Post {threshold_count} or more times a week",
                                "zh": "每周发布 {threshold_count} 条及以上"},
    "card.cadence_busy.claim": {
        "en": "Weeks with {threshold_count} or more uploads brought {effect_ratio} the new "
              "followers of your other weeks, and videos posted close together did not lose "
              "reach ({gap_ratio}).",
        "zh": "发布 {threshold_count} 条及以上的周，新增粉丝是其他周的 {effect_ratio}；"
              "间隔较短发布的作品曝光也没有下降（{gap_ratio}）。"},
    "card.cadence_busy.action": {
        "en": "Batch-produce so you can publish {threshold_count} videos every week.",
        "zh": "集中制作，保证每周发布 {threshold_count} 条作品。"},
    "card.cadence_busy_spaced.title": {"en": "Post {threshold_count} times a week, spread out",
                                       "zh": "每周发布 {threshold_count} 条，间隔均匀"},
    "card.cadence_busy_spaced.claim": {
        "en": "Weeks with {threshold_count} or more uploads brought {effect_ratio} the new "
              "followers of your other weeks, but videos posted less than 2 days after the "
              "previous one reached {gap_ratio} the views.",
        "zh": "发布 {threshold_count} 条及以上的周，新增粉丝是其他周的 {effect_ratio}；"
              "但与上一条间隔不到 2 天的作品，播放量只有 {gap_ratio}。"},
    "card.cadence_busy_spaced.action": {
        "en": "Publish {threshold_count} videos a week, at least 2 days apart.",
        "zh": "每周发布 {threshold_count} 条，每条至少间隔 2 天。"},
    "card.cadence_space.title": {"en": "Leave {gap_days} days between uploads",
                                 "zh": "两次发布间隔 {gap_days} 天以上"},
    "card.cadence_space.claim": {
        "en": "Videos posted less than {gap_days} days after the previous one reached "
              "{effect_ratio} the views of the others.",
        "zh": "与上一条间隔不到 {gap_days} 天发布的作品，播放量是其他作品的 {effect_ratio}。"},
    "card.cadence_space.action": {
        "en": "Keep finished videos in a queue and release one every {gap_days} days or more.",
        "zh": "把做好的作品排队，每隔 {gap_days} 天或更久发布一条。"},
    "card.outlier.title": {"en": "Follow up on “{video_title}”", "zh": "延续《{video_title}》"},
    "card.outlier.claim": {
        "en": "“{video_title}” reached {effect_ratio} the typical reach of your videos in "
              "the same format ({format_bucket}); {outliers_count} videos stand out like this.",
        "zh": "《{video_title}》的曝光是你同类作品（{format_bucket}）常规水平的 {effect_ratio}；"
              "共有 {outliers_count} 条作品如此突出。"},
    "card.outlier.action": {
        "en": "Make a follow-up on the same idea (part 2, a variation, an answer to its "
              "comments) while it is fresh.",
        "zh": "趁热做一条同主题的续作（第二集、变体或回应评论）。"},
    "card.weekday_none.title": {"en": "Any weekday works", "zh": "星期几发布都可以"},
    "card.weekday_none.claim": {
        "en": "No weekday stands out: each day's videos reached between {low_ratio} and "
              "{high_ratio} the views of the other days, within chance.",
        "zh": "没有哪一天特别突出：每天发布的作品播放量在其他日子的 {low_ratio} 到 {high_ratio} "
              "之间，属于随机波动。"},
    "card.weekday_none.action": {
        "en": "Pick the days that suit your production; keep to the best hour instead.",
        "zh": "按你的制作节奏选择日期即可，更重要的是发布时段。"},
    "card.fans_topic.title": {"en": "Your fans want more {topic}", "zh": "粉丝想看更多「{topic}」"},
    "card.fans_topic.claim": {
        "en": "{demand_pct} of your fans' predicted interest goes to {topic}, but only "
              "{posting_pct} of your videos are about it.",
        "zh": "粉丝的预测兴趣有 {demand_pct} 落在「{topic}」，但你只有 {posting_pct} 的作品是这个话题。"},
    "card.fans_topic.action": {
        "en": "Raise {topic} towards {demand_pct} of your uploads.",
        "zh": "把「{topic}」提高到约 {demand_pct} 的发布占比。"},
    "card.fans_topic_combo.title": {"en": "Your fans want more {topic}",
                                    "zh": "粉丝想看更多「{topic}」"},
    "card.fans_topic_combo.claim": {
        "en": "{demand_pct} of your fans' predicted interest goes to {topic}, but only "
              "{posting_pct} of your videos are about it; the segment that wants it most "
              "({segment_pct} of fans) also likes {other_topic}.",
        "zh": "粉丝的预测兴趣有 {demand_pct} 落在「{topic}」，但你只有 {posting_pct} 的作品是这个话题；"
              "最想看它的粉丝分群（占 {segment_pct}）也喜欢「{other_topic}」。"},
    "card.fans_topic_combo.action": {
        "en": "Make a video that joins {topic} and {other_topic}, and raise {topic} towards "
              "{demand_pct} of your uploads.",
        "zh": "做一条把「{topic}」和「{other_topic}」结合起来的作品，并把「{topic}」提高到约 "
              "{demand_pct} 的发布占比。"},
    "card.back_catalogue.title": {"en": "Re-share “{video_title}”",
                                  "zh": "重新推荐《{video_title}》"},
    "card.back_catalogue.claim": {
        "en": "{unreached_count} fans of your largest segment ({segment_pct} of fans, into "
              "{topic}) have not seen it; the model predicts they would like it {effect_ratio} "
              "as much as the videos they already engage with.",
        "zh": "你最大的粉丝分群（占 {segment_pct}，偏好「{topic}」）中有 {unreached_count} "
              "位粉丝还没看过它；模型预测他们对它的喜爱程度是已互动作品的 {effect_ratio}。"},
    "card.back_catalogue.action": {
        "en": "Pin it, link it from your next video or post a short cut of it.",
        "zh": "置顶它、在下一条作品中引用它，或发布它的精简版。"},
    "card.market_topic.title": {"en": "Try {topic}", "zh": "尝试「{topic}」"},
    "card.market_topic.claim": {
        "en": "{using_count} of the {neighbours_count} channels most like yours use {topic} "
              "(for example {channels}); you have not yet.",
        "zh": "与你最相似的 {neighbours_count} 个账号中有 {using_count} 个在做「{topic}」"
              "（例如 {channels}），你还没有做过。"},
    "card.market_topic.action": {
        "en": "Test one {topic} video in your own style and compare its reach with your "
              "typical video.",
        "zh": "用你自己的风格试做一条「{topic}」作品，并与常规作品的曝光对比。"},
    "card.unlock.videos.title": {"en": "Import more videos to unlock strategies",
                                 "zh": "导入更多作品以解锁策略"},
    "card.unlock.videos.claim": {
        "en": "Only {videos_count} videos have a known reach; at least {needed_count} are needed "
              "to compare durations, hours and topics.",
        "zh": "只有 {videos_count} 条作品有已知曝光；比较时长、时段和话题至少需要 {needed_count} 条。"},
    "card.unlock.videos.action": {
        "en": "Export per-video daily views (YouTube Studio: Analytics > Advanced mode > "
              "Content, by day) or your platform's video list with publish times and views, "
              "and import it.",
        "zh": "导出单条作品的每日播放量（YouTube Studio：数据分析 > 高级模式 > 内容，按天），"
              "或平台的作品列表（含发布时间和播放量），然后导入。"},
    "card.unlock.own_videos.title": {"en": "Import your own channel's full video list",
                                     "zh": "导入你自己账号的完整作品列表"},
    "card.unlock.own_videos.claim": {
        "en": "Best time, weekday, upload rhythm and length compare each video with its own "
              "channel's typical reach, but no channel here has {needed_count} videos of its "
              "own ({channels_count} channels have fewer, such as trending lists or single "
              "competitor videos).",
        "zh": "最佳发布时间、星期、发布节奏和时长都是把每条作品与其所在账号的常规曝光比较，"
              "但这里没有任何账号拥有 {needed_count} 条自己的作品（{channels_count} "
              "个账号不足，例如热门榜单或竞品的单条作品）。"},
    "card.unlock.own_videos.action": {
        "en": "Export your own channel's video list with publish times and views (YouTube "
              "Studio: Analytics > Advanced mode > Content), import it and pick your channel.",
        "zh": "导出你自己账号的作品列表（含发布时间和播放量；YouTube Studio：数据分析 > 高级模式 > "
              "内容），导入后选择你的账号。"},
    "card.unlock.duration.title": {"en": "Unlock: which video length works",
                                   "zh": "解锁：哪种时长效果最好"},
    "card.unlock.duration.claim": {
        "en": "None of your {videos_count} videos has a duration, so length cannot be compared.",
        "zh": "你的 {videos_count} 条作品都没有时长数据，无法比较时长。"},
    "card.unlock.duration.action": {
        "en": "Import a video list that includes durations (YouTube Data API or Studio "
              "Content export, TikTok Studio post list).",
        "zh": "导入包含时长的作品列表（YouTube Data API 或 Studio 内容导出、TikTok Studio 作品列表）。"},
    "card.unlock.tags.title": {"en": "Unlock: which topics work", "zh": "解锁：哪些话题效果最好"},
    "card.unlock.tags.claim": {
        "en": "Fewer than half of your {videos_count} videos carry tags or hashtags, so topics "
              "cannot be compared.",
        "zh": "你的 {videos_count} 条作品中不到一半带有标签或话题，无法比较话题。"},
    "card.unlock.tags.action": {
        "en": "Import a video list with tags (YouTube Data API) or add #hashtags to your "
              "titles and captions.",
        "zh": "导入带标签的作品列表（YouTube Data API），或在标题和文案中加上 #话题。"},
    "card.unlock.followers.title": {"en": "Unlock: how cadence grows followers",
                                    "zh": "解锁：发布节奏如何影响涨粉"},
    "card.unlock.followers.claim": {
        "en": "The store has no daily follower numbers, so uploads per week cannot be compared "
              "with follower growth.",
        "zh": "数据库中没有每日粉丝数据，无法比较每周发布数与涨粉。"},
    "card.unlock.followers.action": {
        "en": "Export daily subscribers / followers (YouTube Studio: Subscribers by day; "
              "Douyin 粉丝数据) and import it.",
        "zh": "导出每日粉丝数据（YouTube Studio：订阅者按天；抖音粉丝数据）并导入。"},
    "card.unlock.fans.title": {"en": "Unlock: topics your fans want",
                               "zh": "解锁：粉丝想看的话题"},
    "card.unlock.fans.claim": {
        "en": "There are no fan interactions in the store, so fan segments and the topics they "
              "want are unknown.",
        "zh": "数据库中没有粉丝互动数据，无法得到粉丝分群及其想看的话题。"},
    "card.unlock.fans.action": {
        "en": "Export comments or fan activity (who watched, liked or commented on which "
              "video: YouTube comments, Bilibili 弹幕, Douyin 评论) and import it.",
        "zh": "导出评论或粉丝互动数据（谁看过、点赞或评论了哪条作品：YouTube 评论、B站弹幕、"
              "抖音评论）并导入。"},
    "card.unlock.market.title": {"en": "Unlock: topics from similar channels",
                                 "zh": "解锁：相似账号的话题"},
    "card.unlock.market.claim": {
        "en": "The store has too few other channels to find channels like yours.",
        "zh": "数据库中其他账号太少，无法找到与你相似的账号。"},
    "card.unlock.market.action": {
        "en": "Import market data: a trending list or competitors' video lists with tags.",
        "zh": "导入市场数据：热门榜单或竞品账号带标签的作品列表。"},
}

_formatter = string.Formatter()


def placeholders(text: str) -> set[str]:
    """Names of the ``{placeholders}`` in a text."""
    return {name for _, name, _, _ in _formatter.parse(text) if name}


class _Keep(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def normalize_lang(lang: str | None) -> str:
    """Map a language tag to a supported language: ``"zh-CN"`` -> ``"zh"``, else ``"en"``.

    >>> normalize_lang("zh-Hans-CN"), normalize_lang("de-DE"), normalize_lang(None)
    ('zh', 'en', 'en')
    """
    if not lang:
        return DEFAULT_LANGUAGE
    base = str(lang).strip().replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str = DEFAULT_LANGUAGE, **fmt: Any) -> str:
    """Return the text of ``key`` in ``lang`` with its placeholders filled in.

    Parameters
    ----------
    key : str
        A key of :data:`TABLE`.
    lang : str
        ``"en"`` or ``"zh"`` (other tags are normalised by :func:`normalize_lang`).
    **fmt
        Values of the placeholders (already formatted for display); a
        placeholder without a value stays as ``{name}``.

    Returns
    -------
    str
        The English text when the language has none; the key itself when
        the key is unknown (so a missing translation shows, never crashes).
    """
    entry = TABLE.get(key)
    if entry is None:
        return key
    text = entry.get(normalize_lang(lang)) or entry.get(DEFAULT_LANGUAGE) or key
    return text.format_map(_Keep(fmt)) if fmt else text


def _trim(value: float, digits: int = 1) -> str:
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_count(value: float | int | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """Format a count the way the language writes it; ``'–'`` when unknown.

    English: thousands separators up to 999,999, then ``1.2M`` and ``3.4B``.
    Chinese: ``9,999``, then ``1.2万`` (10^4) and ``3.4亿`` (10^8).

    >>> format_count(1234, "en"), format_count(1_563_000, "en"), format_count(1_563_000, "zh")
    ('1,234', '1.6M', '156.3万')
    >>> format_count(250_000_000, "zh"), format_count(None)
    ('2.5亿', '–')
    """
    if value is None:
        return "–"
    v = float(value)
    if math.isnan(v):
        return "–"
    sign = "-" if v < 0 else ""
    a = abs(v)
    if normalize_lang(lang) == "zh":
        if a >= 1e8:
            return f"{sign}{_trim(a / 1e8)}亿"
        if a >= 1e4:
            return f"{sign}{_trim(a / 1e4)}万"
        return f"{sign}{int(round(a)):,}"
    if a >= 1e9:
        return f"{sign}{_trim(a / 1e9)}B"
    if a >= 1e6:
        return f"{sign}{_trim(a / 1e6)}M"
    return f"{sign}{int(round(a)):,}"


def format_ratio(value: float | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A multiple with two significant figures: ``1.8×``, ``0.66×``, ``12×``; ``'–'`` unknown.

    >>> format_ratio(1.834), format_ratio(0.6612), format_ratio(12.3)
    ('1.8×', '0.66×', '12×')
    """
    if value is None or not math.isfinite(float(value)):
        return "–"
    v = float(value)
    if v >= 10:
        return f"{v:.0f}×"
    if v >= 1:
        return f"{v:.1f}×"
    return f"{v:.2f}×"


def format_percent(value: float | None, lang: str = DEFAULT_LANGUAGE, digits: int = 0) -> str:
    """A fraction in [0, 1] as a percentage (``0.243`` -> ``24%``); ``'–'`` when unknown."""
    if value is None or not math.isfinite(float(value)):
        return "–"
    return f"{float(value) * 100:.{digits}f}%"


def format_signed_percent(value: float | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A relative change with its sign (``0.117`` -> ``+11.7%``); ``'–'`` when unknown."""
    if value is None or not math.isfinite(float(value)):
        return "–"
    return f"{float(value) * 100:+.1f}%"


def hour_label(hour: int) -> str:
    """``18`` -> ``'18:00'`` (24-hour clock in every language)."""
    return f"{int(hour) % 24:02d}:00"


def weekday_name(day: int, lang: str = DEFAULT_LANGUAGE, *, short: bool = False) -> str:
    """Name of a weekday, 0 = Monday.

    >>> weekday_name(5, "en"), weekday_name(5, "zh"), weekday_name(6, "en", short=True)
    ('Saturday', '周六', 'Sun')
    """
    names = (_WEEKDAYS_SHORT if short else _WEEKDAYS)[normalize_lang(lang)]
    return names[int(day) % 7]


def missing_translations() -> list[tuple[str, str]]:
    """``(key, language)`` pairs without a text (empty when the table is complete)."""
    return [(k, lang) for k, entry in TABLE.items() for lang in LANGUAGES
            if not entry.get(lang)]


__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "TABLE",
    "format_count",
    "format_percent",
    "format_ratio",
    "format_signed_percent",
    "hour_label",
    "missing_translations",
    "normalize_lang",
    "placeholders",
    "t",
    "weekday_name",
]
