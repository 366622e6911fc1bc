"""English: stopwords, dates, and the phrases of page furniture, by rule name.

Patterns are regular expressions searched (case-insensitive) in a stripped line; anchor them with
^ and $ to match a whole line. Each rule in `rules.py` also caps the length of the lines it may
touch, so a phrase here never removes a long paragraph that happens to contain it.
Keep them generic (what many sites print), never a string seen on one page.
"""

CODE = "en"

# Function words: their density tells prose from menus, headlines and lists (jusText's signal).
STOPWORDS = """
a about above after again against all also although am an and any are as at be because been
before being below between both but by can could did do does doing down during each either else
even ever every few for from further had has have having he her here hers herself him himself his
how however i if in into is it its itself just least less like may me might more most much must my
myself neither no nor not now of off on once only or other ought our ours ourselves out over own
per perhaps quite rather same shall she should since so some such than that the their theirs them
themselves then there these they this those though through thus to too toward towards under until
up upon us very was we were what whatever when where whether which while who whom whose why will
with within without would yet you your yours yourself yourselves said says say told according
it's that's there's he's she's we're they're i'm don't doesn't didn't isn't wasn't aren't
weren't won't can't couldn't wouldn't shouldn't hasn't haven't hadn't let's who's what's
"""

MONTHS = """
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
"""

WEEKDAYS = """
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
"""

# Units of reading-time and age widgets ("5 min read", "0 5 min 11 mths", "3 hours ago").
TIME_WORDS = """
s sec secs second seconds m min mins minute minutes h hr hrs hour hours d day days w wk wks week
weeks mth mths month months y yr yrs year years ago read reading time words word views view
comments comment shares share likes
"""

# Words that may sit on a date line besides the date itself.
DATE_WORDS = """
updated published posted last modified on at am pm a.m. p.m. gmt utc bst est edt pst pdt cet
cest ist et pt by th st nd rd of the date release
"""

# Buttons of share bars and social links: a short line made only of these is a share widget.
SHARE_WORDS = """
share shares shared sharing this article story post page on via to with facebook twitter x
linkedin whatsapp telegram reddit pinterest tumblr email e-mail mail print copy link url copied
tweet pin it flipboard messenger sms instagram youtube rss feed follow us more options show hide
close extra comment comments save bookmark adjust text size a+ a- google+ vk weibo wechat
threads bluesky mastodon send stumble stumbleupon digg newsvine xing permalink
"""

# A lone agency name under a lede is a photo credit, not text.
AGENCIES = [
    "AP", "AFP", "Reuters", "Getty Images", "Getty", "EPA", "EPA-EFE", "Sputnik", "TASS",
    "Xinhua", "Associated Press", "Shutterstock", "Bloomberg", "Alamy", "PA", "PA Images",
    "PA Wire", "Anadolu", "Anadolu Agency", "RIA Novosti", "ANI", "PTI", "IANS", "Kyodo", "Yonhap",
    "UPI", "DPA", "Wikimedia Commons", "Pixabay", "Unsplash", "iStock", "Zuma", "ZUMA Press",
    "SIPA", "Sipa USA", "Kremlin", "Kremlin.ru", "Pool", "Handout", "File",
]

BYLINE_PREFIXES = ["by", "written by", "posted by", "words by", "author", "authored by", "story by", "reporting by"]
CREDIT_PREFIXES = [
    "photo", "photos", "photograph", "photography", "image", "images", "picture", "pictures",
    "file image", "file photo", "file picture", "credit", "credits", "image credit", "photo credit",
    "illustration", "graphic", "video", "media", "source image", "cover image", "featured image", "header image",
]

# Headings that introduce a list of other stories (the lines under them are teasers).
RELATED_LABELS = [
    r"related", r"related (?:articles?|stories|story|posts?|coverage|content|reading|links?|news|videos?|topics|tutorials)",
    r"more (?:articles|stories|news|headlines|coverage|posts|videos|to read|to explore)",
    r"more (?:from|in|on|by|about) .{1,40}", r"read (?:more|next|also|this next)", r"see also", r"also read",
    r"(?:you|we think you) (?:may|might|will|would) (?:also )?(?:like|enjoy|be interested in)",
    r"recommended(?: for you| stories| articles| reading)?", r"most (?:popular|read|viewed|shared|emailed)(?: .{1,20})?",
    r"(?:top|latest|trending|popular|featured|editor's picks|editors' picks|recent|breaking) ?(?:news|stories|articles|posts|videos|now|headlines|picks)?",
    r"trending(?: .{1,20})?", r"what to read next", r"up next", r"next(?: post| article| story)?", r"previous(?: post| article| story)?",
    r"don't miss", r"just in", r"in case you missed it", r"around the web", r"from the web", r"elsewhere on .{1,30}",
    r"(?:other|similar|more) (?:stories|articles|posts|recipes|tutorials) .{0,40}",
    r"also on .{1,30}", r"[\w ]{1,30} recommends", r"popular (?:in|on) .{1,30}", r"keep reading", r"continue reading", r"watch(?: more| next)?",
]

# "Jane Doe writes about ..." is a bio by itself; "Jane Doe is ..." needs a job noun too.
BIO_ACTIONS = ["writes about", "writes on", "covers", "reports on", "has written for", "has reported", "is the author of"]
BIO_VERBS = ["is", "was", "writes", "covers", "has been", "has covered", "joined", "reports", "previously", "lives"]
BIO_NOUNS = [
    "writer", "editor", "reporter", "journalist", "correspondent", "author", "columnist", "contributor",
    "professor", "expert", "blogger", "photographer", "producer", "analyst", "fellow", "founder",
]

# A long line (a paragraph) is searched for the furniture phrases below only if it holds one of
# these (lower-case substrings): the long furniture is cookie, comment, disclosure and sign-up text.
LONG_LINE_TRIGGERS = [
    "cookie", "comment", "commission", "compensation", "affiliate", "advertis", "privacy", "e-mail",
    "email", "newsletter", "inbox", "subscri", "sign up", "recaptcha", "reply", "rights reserved",
    "©", "copyright", "powered by", "ad-block", "adblock", "sell my", "tracking",
]

FURNITURE = {
    "comment-prompt": [
        r"^(?:leave|post|add|write|submit|share) (?:a|your|the first) (?:reply|comment|response|review)\b",
        r"^(?:leave|post|add|write) (?:a|your) (?:reply|comment)(?: cancel reply)?$",
        r"please enter your (?:comment|name|email|e-mail)",
        r"your (?:email|e-mail)(?: address)? will not be published",
        r"required fields are marked",
        r"^(?:discuss|discussion|comments?|\d+ comments?|no comments?|show comments|view comments|hide comments|load comments|post comment|submit comment|cancel reply|reply|replies|\d+ (?:replies|responses))$",
        r"^\d+ (?:comments?|responses?|replies|thoughts) (?:on|to) ", r"^\W*\d+ (?:comments?|responses?|replies)\b",
        r"^(?:join|start) the (?:conversation|discussion)",
        r"^(?:there are )?no comments(?: yet)?\b", r"be the first to comment",
        r"recaptcha", r"^notify me of (?:follow-up|new) ", r"save my name,? (?:email|e-mail)",
        r"\bcomments? (?:are|is|should be|must be|will be) (?:moderated|closed|not currently available|civil|reviewed|welcome)",
        r"commenting policy", r"\bwe ask that comments\b",
        r"^(?:name|email|e-mail|website|comment)\s*\*?:?\s*\*?$", r"we welcome (?:reader |your )?comments",
        r"^(?:log|sign) in to (?:comment|reply|leave)", r"you must be logged in to post",
        r"please (?:keep|read) (?:our|the) (?:comment|community)", r"^(?:comment|reply) policy",
        r"this site uses akismet", r"^be part of the conversation", r"^have your say",
    ],
    "subscribe-prompt": [
        r"^\W*subscribe\W*$", r"^subscribe (?:now|today|here|for|to)\b", r"newsletters?\b",
        r"(?:sign|signing) up (?:for|to|now|here|today)\b", r"^sign up\W*$", r"^sign me up",
        r"(?:in|to) your inbox", r"^get (?:the|our) .{0,40}(?:delivered|emailed|sent)",
        r"unsubscribe at any time", r"^no spam\b", r"never miss (?:a|an|our) ", r"^(?:enter|your) (?:your )?e-?mail(?: address)?\W*$",
        r"^(?:receive|get) (?:[\w-]+ ){0,2}(?:updates|posts|stories|news|tips|deals|alerts)\b",
        r"\b(?:follow|keep up with|find|connect with) (?:me|us) on (?:twitter|x|facebook|instagram|linkedin|threads|mastodon|bluesky)\b",
        r"^(?:please )?(?:help|support) us\b",
        r"^send me ", r"\bmailing list\b", r"^don't have time to read", r"subscribers? (?:only|exclusive)", r"^(?:already|become) a (?:member|subscriber)",
        r"^(?:support|help support) (?:our|independent) journalism", r"^(?:make|give) a (?:contribution|donation)",
        r"^donate\W*$", r"funded by readers", r"^(?:download|get) (?:our|the) (?:free )?app",
        r"^(?:follow|join) us on\b", r"^follow us\W*$", r"^follow @",
    ],
    "login-form": [
        r"^(?:sign|log) ?(?:in|out|on)\W*$", r"^(?:sign|log) ?in (?:or|to|with) ", r"^login\W*$", r"^register\W*$",
        r"^(?:create|open) (?:an |a free |your )?account", r"forgot (?:your )?(?:password|username)", r"^(?:username|password|user name)\s*\*?:?$",
        r"^remember me\W*$", r"^my account\W*$", r"^(?:sign|log) ?in (?:or|/) (?:sign up|register|subscribe)",
        r"^(?:welcome|hello),? (?:back|guest)", r"^(?:already have an account|don't have an account|not a member)\b",
        r"^(?:get|reset) (?:new |your )?password", r"^(?:lost|forgot) ", r"^or (?:sign|log) ?in with",
    ],
    "cookie-notice": [
        r"\bcookies?\b.{0,80}\b(?:use|uses|using|accept|agree|consent|continu|browsing|experience|settings|preferences|policy)",
        r"\b(?:accept|reject|allow|manage|decline) (?:all )?cookies\b", r"^(?:cookie|privacy) (?:settings|preferences|policy|notice)\W*$",
        r"^(?:accept|agree|i agree|got it|ok|okay|dismiss|reject all|accept all|allow all|manage (?:settings|preferences|options))\W*$",
        r"do not sell my", r"online tracking choices", r"^(?:your )?privacy choices", r"\bgdpr\b", r"ad-?blocker",
    ],
    "share-widget": [
        r"^share (?:this|on|via|the|article|story|page|post)\b.{0,40}$", r"^(?:share|tweet|pin|email|print)(?: (?:this|it|article|story))?\W*$",
        r"^copy (?:link|url)", r"^url copied", r"^(?:click|tap) to (?:share|email|print|tweet)", r"sharing options",
        r"^(?:opens|open) in (?:a )?new (?:window|tab)", r"^permalink\b", r"(?:has been|was) shared [\d,.]+k? times",
    ],
    "site-footer": [
        r"©", r"\(c\) ?(?:19|20)\d\d", r"^copyright\b", r"\ball rights reserved\b", r"(?:^|[.|•·–—-]\s*)powered by\b[^.]{0,40}\.?$", r"^(?:theme|template|designed|design) by\b",
        r"^(?:terms(?: of (?:use|service))?|terms (?:and|&) conditions|privacy(?: policy| notice| statement)?|contact(?: us)?|about(?: us)?|advertise(?: with us)?|sitemap|site map|careers|jobs|faq|help|imprint|impressum|accessibility(?: statement)?|disclaimer|legal|press|masthead|corrections|ethics policy|rss(?: feeds?)?|archives?|code of conduct|editorial (?:standards|guidelines|ethics)|contributors?)\W*$",
        r"^(?:back to|return to|go to|skip to) (?:top|main|content|navigation|home)", r"^(?:scroll|jump|go) (?:to|back to) (?:top|content)", r"^top\W*$",
        r"^(?:toggle|open|close|show|hide) (?:the )?(?:navigation|menu|search|sidebar)", r"^(?:menu|search|navigation|main menu|skip to content|skip to main content|home|homepage)\W*$",
        r"^search (?:for|query|this site|the site|site)\b", r"^(?:submit )?search\W*$", r"^(?:type|enter) (?:your )?(?:keywords?|search)",
        r"^(?:edit|improve) this page", r"^sort(?:ed)? by\b", r"^jump to\b", r"^our standards\b", r"^request (?:docs )?changes", r"^on this page\W*$", r"^in this (?:section|article|page)\W*$",
        r"^(?:table of )?contents\W*$", r"^(?:view|show) (?:my )?(?:complete|full) profile", r"^about the author\W*$",
        r"^(?:previous|next|older|newer) (?:post|article|story|entry|posts|entries)\b", r"^(?:load|show|view) more\W*$",
        r"^(?:click|tap) here\b", r"^learn more\W*$", r"^(?:see|view|read) (?:all|more)\W*$",
        r"^(?:report|send) (?:an )?(?:error|typo|correction)", r"^(?:mail|email|contact) the editor", r"^republish(?:ing)?\W*$",
    ],
    "ad-label": [
        r"^(?:advertisement|advertising|advert|ad|ads|sponsored(?: content| links?| stories| post)?|paid (?:content|post|partner)|promoted(?: content| stories)?|partner content|presented by .{1,30})\W*$",
        r"^(?:story|article|text) continues (?:below|after)", r"^(?:scroll|continue) (?:down )?(?:to|for) (?:continue|read|the next)",
        r"^(?:continue reading|scroll) below", r"^ads? by \w+", r"^report (?:this )?ad\W*$", r"affiliate commission",
        r"when you (?:buy|purchase|click) (?:through|on) (?:links|our links)",
        r"\b(?:we|may) (?:earn|receive) (?:an? )?(?:affiliate )?(?:commission|compensation)", r"advertisers? (?:do|does) not influence", r"advertising (?:disclosure|disclaimer)", r"^(?:this|the) (?:article|post|page) (?:may )?contains? affiliate links",
    ],
    "tag-list": [
        r"^(?:tags?|tagged(?: with)?|topics?|categories|category|filed under|posted in|labels?|keywords?)\s*:",
        r"^(?:filed under|posted in|tagged) ", r"^(?:related (?:topics|subjects|tags|categories)|keywords|tags)\s+\S",
    ],
    # A teaser with its label on the same line: "Read more: Another story's headline".
    "related-teaser": [
        r"^(?:next|previous|prev|older|newer)(?: (?:post|article|story|entry))?\s*[:»›]\s*\S",
        r"^(?:read more|read also|also read|related|see also|more|watch|listen|read|recommended|opinion|analysis|explainer|live)\s*[:|»›]\s*\S",
    ],
    "aggregator-link": [
        r"^source(?: link)?\W*$", r"^(?:original|read the (?:original|full)) (?:article|story|post)", r"^(?:via|source|from)\s*:\s*\S",
        r"^read (?:the )?(?:full|original|rest of the) (?:story|article|post)", r"^(?:this (?:article|story|post) )?(?:was )?originally (?:published|appeared) (?:on|in|at)",
        r"^more articles\W*$", r"^you may also like\W*$", r"^(?:see|view) (?:original|source)\b",
    ],
}
