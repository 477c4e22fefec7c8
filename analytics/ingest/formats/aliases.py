"""Header names of the platforms' exports, by UI language, mapped to canonical columns.

Keys are normalised headers (see ``normalise_header``: NFKC, no soft hyphens,
case-folded). Each metric maps to ``(column, kind, option)``:

* ``count``: integer count (``option`` unused);
* ``rate``: fraction; ``option`` is ``"percent"`` when a bare number is a
  percent (YouTube's ``(%)`` columns) or ``"fraction"``;
* ``duration``: seconds; ``option`` is the unit of a bare number in seconds
  (1, 60 for minutes, 3600 for hours);
* ``money``: amount; ``option`` is the currency code.
"""

from __future__ import annotations

VIDEO_ID = [
    "content",
    "video",
    "videos",
    "conteúdo",
    "contenido",
    "contenu",
    "コンテンツ",
    "內容",
    "内容",
    "video id",
    "video_id",
]
DATE = ["date", "datum", "data", "fecha", "日付", "日期", "时间", "時間", "day"]
TITLE = [
    "video title",
    "videotitel",
    "título do vídeo",
    "título del vídeo",
    "titre de la vidéo",
    "動画のタイトル",
    "影片標題",
    "title",
]
PUBLISHED = [
    "video publish time",
    "veröffentlichungszeitpunkt des videos",
    "horário de publicação do vídeo",
    "hora de publicación del vídeo",
    "heure de publication de la vidéo",
    "動画公開時刻",
    "影片發布時間",
    "publish time",
]
LENGTH = ["duration", "dauer", "duração", "duración", "durée", "長さ", "時間長度", "video duration"]
TOTAL_ROW = {
    "total",
    "totals",
    "gesamt",
    "合計",
    "總計",
    "总计",
    "totale",
    "totaal",
    "summe",
    "合计",
    "итого",
    "tổng",
    "totalt",
}
FOOTER_PATTERNS = [
    r"^showing top \d+",
    r"^die \d+ besten",
    r"^mostrando os primeiros",
    r"^mostrando los",
    r"^mostrando las",
    r"^目前顯示",
    r"^affichage des",
    r"^上位 ?\d+",
    r"^当前显示",
    r"^上位\d+件",
    r"^visualizzazione dei",
    r"^показаны",
]

# Breakdown dimensions other than video or date, by the header Studio (and TikTok)
# write in each UI language EXPORT_FORMATS.md names (EN, DE, PT, ES, FR, JA, zh-TW),
# singular and plural where the UI has both. A leading column no table here names is
# still read as a breakdown, named after its header (never as channel totals).
_DIMENSION_NAMES: dict[str, str] = {
    "geography": "geography|geographie|geografie|geografia|geografía|géographie|地域|地理位置|"
    "地理區域|country|territory|top territories|land|país|pays|国/地域|國家/地區",
    "city": "city|cities|city name|stadt|städte|cidade|cidades|ciudad|ciudades|ville|villes|都市|城市",
    "viewer_age": "viewer age|age|alter der zuschauer|zuschaueralter|idade do espectador|"
    "edad del espectador|âge du spectateur|âge des spectateurs|視聴者の年齢|觀眾年齡|观众年龄",
    "viewer_gender": "viewer gender|geschlecht der zuschauer|zuschauergeschlecht|"
    "gênero do espectador|sexo do espectador|género del espectador|sexo del espectador|"
    "sexe du spectateur|sexe des spectateurs|視聴者の性別|觀眾性別|观众性别",
    "gender": "gender",
    "device_type": "device type|gerätetyp|tipo de dispositivo|type d'appareil|デバイスの種類|"
    "裝置類型|设备类型",
    "operating_system": "operating system|betriebssystem|sistema operacional|sistema operativo|"
    "système d'exploitation|オペレーティング システム|オペレーティングシステム|作業系統|操作系统",
    "traffic_source": "traffic source|traffic source type|quelle der zugriffe|zugriffsquelle|"
    "origem do tráfego|fuente de tráfico|fuentes de tráfico|source de trafic|sources de trafic|"
    "トラフィック ソース|トラフィックソース|流量來源|流量来源",
    "traffic_source_detail": "traffic source detail|search term|suchbegriff|termo de pesquisa|"
    "término de búsqueda|terme de recherche|検索キーワード|搜尋字詞|external url|externe url|"
    "url externo|url externa|url externe|外部 url|外部網址|suggested video|vorgeschlagenes video|"
    "vídeo sugerido|vidéo suggérée|関連動画|推薦影片|playlist|wiedergabeliste|lista de reprodução|"
    "lista de reproducción|再生リスト|播放清單",
    "subscription_status": "subscription status|abostatus|status der abonnements|"
    "status da inscrição|estado de la suscripción|statut d'abonnement|statut de l'abonnement|"
    "登録状況|訂閱狀態|订阅状态",
    "subscription_source": "subscription source|abonnementquelle|aboquelle|origem da inscrição|"
    "fuente de suscripción|origen de la suscripción|source d'abonnement|source des abonnements|"
    "登録元|訂閱來源|订阅来源",
    "sharing_service": "sharing service|sharing services|dienst zum teilen|teilen-dienst|"
    "serviço de compartilhamento|servicio para compartir|servicio de uso compartido|"
    "service de partage|共有サービス|分享服務|分享服务",
    "subtitles": "subtitles and cc|subtitles & cc|untertitel|untertitel und cc|legendas|"
    "legendas e cc|subtítulos|subtítulos y cc|sous-titres|sous-titres et cc|字幕|字幕/cc|字幕和 cc",
    "content_type": "content type|inhaltstyp|art des inhalts|tipo de conteúdo|tipo de contenido|"
    "type de contenu|コンテンツの種類|內容類型|内容类型",
    "new_returning": "new and returning viewers|new vs returning viewers|"
    "neue und wiederkehrende zuschauer|espectadores novos e recorrentes|"
    "espectadores nuevos y recurrentes|nouveaux spectateurs et spectateurs connus|"
    "新しい視聴者とリピーター|新觀眾和回訪觀眾|新观众和回访观众",
    "playback_location": "playback location|wiedergabeort|local de reprodução|"
    "ubicación de reproducción|emplacement de lecture|再生場所|播放位置",
    "youtube_product": "youtube product|youtube-produkt|produto do youtube|producto de youtube|"
    "produit youtube|youtube サービス|youtube 產品",
    "live_on_demand": "live/on demand|live / on demand|live/on-demand|live oder on demand|"
    "ao vivo/sob demanda|en vivo/a pedido|en direct/à la demande|ライブ/オンデマンド|直播/隨選",
    "audio_track": "audio track|audiotrack|faixa de áudio|pista de audio|piste audio|"
    "音声トラック|音軌",
    "translation_use": "translation use|video info language|sprache der videoinformationen|"
    "idioma das informações do vídeo|idioma de la información del vídeo|"
    "langue des informations sur la vidéo|動画情報の言語|影片資訊語言",
    "end_screen_element": "end screen element|endbildschirm-element|elemento da tela final|"
    "elemento de pantalla final|élément d'écran de fin|終了画面要素|結束畫面元素",
    "card": "card|cards|infokarte|card de informações|tarjeta|fiche|カード|資訊卡",
    "creative_commons": "creative commons",
    "hour_of_day": "hour",
    # Chinese platforms' audience breakdowns (粉丝画像 / 观众画像)
    "viewer_gender_cn": "性别|性別",
    "viewer_age_cn": "年龄|年龄段|年齡",
    "province": "省份|地域|地区|地區|省份分布",
    "city_cn": "城市分布",
    "device_cn": "设备|设备类型|手机品牌",
    "interest": "兴趣|兴趣分布",
}
_SAME = {
    "viewer_gender_cn": "viewer_gender",
    "viewer_age_cn": "viewer_age",
    "city_cn": "city",
    "device_cn": "device_type",
}
DIMENSIONS: dict[str, str] = {
    name.strip(): _SAME.get(dim, dim)
    for dim, names in _DIMENSION_NAMES.items()
    for name in names.split("|")
}
# The key written where a breakdown row's dimension cell is blank (Studio's "no
# subtitles" group): a real group, stored explicitly because the key is part of
# the natural key; pages show it as "none / unknown".
BLANK_KEY = "(none)"


def dimension_name(header: str) -> str:
    """Canonical dimension of a normalised header; an unknown header gives its own slug."""
    import re

    known = DIMENSIONS.get(header)
    if known:
        return known
    slug = re.sub(r"[^\w]+", "_", header, flags=re.UNICODE).strip("_")
    return slug or "dimension"


M = dict[str, tuple[str, str, object]]
METRICS: M = {}


def _add(names: str, column: str, kind: str, option: object = None) -> None:
    for n in names.split("|"):
        METRICS[n.strip()] = (column, kind, option)


_add(
    "views|video views|aufrufe|visualizações|visualizaciones|vues|視聴回数|觀看次數|观看次数|播放量|观看量|"
    "播放数|total views|visninger|videovisningar",
    "views",
    "count",
)
_add("engaged views|vues engagées|互動觀看次數|engagierte aufrufe", "engaged_views", "count")
_add(
    "impressions|impressionen|impressões|impresiones|インプレッション数|曝光|曝光量|曝光数|"
    "サムネイルのインプレッション",
    "impressions",
    "count",
)
_add(
    "impressions click-through rate (%)|klickrate der impressionen (%)|taxa de cliques de impressões (%)|"
    "porcentaje de clics de las impresiones (%)|taux de clics par impression (%)|"
    "インプレッションのクリック率 (%)|サムネイルのクリック率 (%)|曝光點閱率 (%)",
    "impressions_ctr",
    "rate",
    "percent",
)
_add("封面点击率", "impressions_ctr", "rate", "fraction")
_add(
    "watch time (hours)|wiedergabezeit (stunden)|tempo de exibição (horas)|tiempo de visualización (horas)|"
    "durée de visionnage (heures)|総再生時間(単位: 時間)|總收看時數|觀看時間 (小時)",
    "watch_time_s",
    "duration",
    3600,
)
_add("watch time (minutes)|watch_time_minutes", "watch_time_s", "duration", 60)
_add(
    "average view duration|durchschnittliche wiedergabedauer|duração média da visualização|"
    "duración media de las visualizaciones|durée moyenne de visionnage|平均視聴時間|平均觀看時間|"
    "平均播放时长|人均观看时长|average watch time|average_view_duration_seconds",
    "avg_view_duration_s",
    "duration",
    1,
)
_add(
    "average percentage viewed (%)|average % viewed|durchschnittlich angesehener prozentsatz (%)|"
    "porcentagem média visualizada (%)|porcentaje medio visto (%)|pourcentage moyen regardé (%)|"
    "平均再生率 (%)|平均觀看比例 (%)",
    "avg_view_pct",
    "rate",
    "percent",
)
_add("average_view_duration_percentage", "avg_view_pct", "rate", "percent")
_add("stayed to watch (%)|ont continué de regarder (%)", "stayed_to_watch", "rate", "percent")
_add(
    "subscribers|abonnenten|inscritos|suscriptores|abonnés|チャンネル登録者|訂閱人數|net growth|nettotillväxt|"
    "difference in followers from previous day|净增粉丝",
    "followers_net",
    "count",
)
_add(
    "subscribers gained|gewonnene abonnenten|inscritos obtidos|suscriptores obtenidos|abonnés gagnés|"
    "登録者増加数|獲得的訂閱人數|new followers|nya följare|涨粉|涨粉量|粉丝增量|新增粉丝|关注量",
    "followers_gained",
    "count",
)
_add(
    "subscribers lost|verlorene abonnenten|inscritos perdidos|suscriptores perdidos|abonnés perdus|登録者減少数|"
    "流失的訂閱人數|lost followers|tappade följare|取关粉丝|取关量",
    "followers_lost",
    "count",
)
_add("followers|总粉丝量|累计粉丝|粉丝总数", "followers_total", "count")
_add(
    "active followers", "followers_total", "count"
)  # TikTok FollowerActivity (hour_of_day breakdown)
_add("likes|total likes|gilla-markeringar|点赞|点赞数|点赞量|喜欢|作品点赞", "likes", "count")
_add("dislikes", "dislikes", "count")
_add(
    "comments|comments added|total comments|kommentarer|已新增留言|评论|评论数|评论量|作品评论|"
    "hinzugefügte kommentare|comentários adicionados|comentarios añadidos|commentaires ajoutés|追加されたコメント",
    "comments",
    "count",
)
_add(
    "shares|total shares|delningar|分享|分享量|分享数|转发量|转发|作品分享|geteilte inhalte|"
    "compartilhamentos|veces compartido|partages|共有数",
    "shares",
    "count",
)
_add("saves|add to favorites|lägg till i favoriter|收藏|收藏量|收藏数", "saves", "count")
_add("profile views|profilvisningar|主页访问量|主页访问|主页访问数", "profile_views", "count")
_add(
    "unique viewers|total viewers|非重複觀眾人數|reached audience|målgrupp som nåtts",
    "unique_viewers",
    "count",
)
_add("new viewers", "new_viewers", "count")
_add("returning viewers|回訪的觀眾", "returning_viewers", "count")
_add(
    "casual viewers|gelegentliche zuschauer|espectadores casuais|espectadores ocasionales|"
    "spectateurs occasionnels",
    "casual_viewers",
    "count",
)
_add(
    "regular viewers|regelmäßige zuschauer|espectadores regulares|spectateurs réguliers",
    "regular_viewers",
    "count",
)
_add("完播率|watched full video", "completion_rate", "rate", "fraction")
_add("2s跳出率", "bounce_rate_2s", "rate", "fraction")
_add("3秒跳出率", "bounce_rate_3s", "rate", "fraction")
_add("弹幕|弹幕量", "danmaku", "count")
_add("engagement rate|互动率", "engagement_rate", "rate", "fraction")
_add("平均播放进度", "avg_view_pct", "rate", "fraction")
_add(
    "estimated revenue (usd)|your estimated revenue (usd)|geschätzter umsatz (usd)|receita estimada (usd)|"
    "ingresos estimados (usd)|revenus estimés (usd)|推定収益 (usd)",
    "revenue",
    "money",
    "USD",
)
_add("預估收益 (twd)", "revenue", "money", "TWD")
# Studio writes revenue in the account's currency: "Estimated revenue (EUR)", "推定収益 (JPY)".
_REVENUE_NAMES = (
    "estimated revenue|your estimated revenue|geschätzter umsatz|receita estimada|"
    "ingresos estimados|revenus estimés|推定収益|預估收益|预估收入"
)
for _cur in (
    "EUR GBP JPY CNY HKD INR BRL CAD AUD KRW MXN CHF SEK NOK DKK PLN RUB TRY IDR THB "
    "VND PHP MYR SGD ZAR NZD ARS CLP COP CZK HUF ILS AED SAR EGP NGN KES UAH RON BGN"
).split():
    _add(
        "|".join(f"{n} ({_cur.lower()})" for n in _REVENUE_NAMES.split("|")),
        "revenue",
        "money",
        _cur,
    )
_add("distribution", "share", "rate", "fraction")
_add("占比|比例|百分比|粉丝占比|观众占比", "share", "rate", "fraction")
_add("visualizações (%)|views (%)", "share", "rate", "percent")

# Columns of the canonical tables the tabular importer may fill.
STORE_METRICS = {
    "views",
    "impressions",
    "likes",
    "dislikes",
    "comments",
    "shares",
    "saves",
    "danmaku",
    "profile_views",
    "unique_viewers",
    "new_viewers",
    "returning_viewers",
    "casual_viewers",
    "regular_viewers",
    "followers_gained",
    "followers_lost",
    "followers_net",
    "followers_total",
    "impressions_ctr",
    "completion_rate",
    "avg_view_pct",
    "bounce_rate_2s",
    "bounce_rate_3s",
    "engagement_rate",
    "watch_time_s",
    "avg_view_duration_s",
    "revenue",
}
