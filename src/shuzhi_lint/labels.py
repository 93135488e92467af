"""Chinese labels of the outline's roles, shared by checks (messages) and formatters (outline,
HTML page); a neutral module, so a check never imports a formatter."""

from __future__ import annotations

ROLE_CN = {
    "title": "标题",
    "preamble": "开头",
    "rectification": "上年度问题整改",
    "achievements": "履职情况",
    "problems": "存在问题",
    "causes": "原因分析",
    "measures": "下一步措施",
    "closing": "结尾",
    "other": "其他",
}
