"""WordprocessingML details python-docx has no API for: East Asian font names, the page
number field, repeated table headers, the font table's alternative names, the page grid."""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Schema order of the children this module adds (Word rejects a file whose order is wrong).
_ORDER = {
    "w:pPr": ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
              "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
              "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
              "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
              "rPr sectPr pPrChange"),
    "w:rPr": ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
              "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
              "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"),
    "w:tblPr": ("tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
                "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook"),
    "w:tblCellMar": "top left start bottom right end",
    "w:tblBorders": "top left start bottom right end insideH insideV",
}


def _child(parent, tag: str):
    """The first *tag* child of *parent*, created at its place in the schema's order when missing."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    found = OxmlElement(tag)
    order = _ORDER.get(parent.tag.replace(f"{{{W_NS}}}", "w:"), "").split()
    local = tag.split(":")[1]
    later = set(order[order.index(local) + 1:]) if local in order else set()
    for index, existing in enumerate(parent):
        if etree.QName(existing).localname in later:
            parent.insert(index, found)
            return found
    parent.append(found)
    return found


def set_fonts(r_pr, name: str) -> None:
    """All four slots of w:rFonts to *name*: python-docx's font.name sets only ascii/hAnsi,
    and Word and WPS pick Chinese characters' font from w:eastAsia."""
    fonts = _child(r_pr, "w:rFonts")
    for attr in list(fonts.attrib):  # theme fonts (asciiTheme …) would override the names
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)
    fonts.set(qn("w:hint"), "eastAsia")  # “ ” — · are drawn in the Chinese font, as in the PDF


def set_language(r_pr) -> None:
    lang = _child(r_pr, "w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def no_snap_to_grid(p_pr) -> None:
    """The paragraph keeps its own line height instead of whole lines of the page grid
    (a 2号 title line would otherwise take two grid lines, table text a 3号 line)."""
    _child(p_pr, "w:snapToGrid").set(qn("w:val"), "0")


def no_auto_space(p_pr) -> None:
    """No extra space between Chinese and digits or Latin (2026年, not 2026 年), as in the PDF."""
    _child(p_pr, "w:autoSpaceDE").set(qn("w:val"), "0")
    _child(p_pr, "w:autoSpaceDN").set(qn("w:val"), "0")


def outline_level(p_pr, level: int) -> None:
    """Headings appear in Word's navigation pane (0 = 一、)."""
    _child(p_pr, "w:outlineLvl").set(qn("w:val"), str(level))


def add_field(paragraph, instruction: str, shown: str, r_pr=None) -> None:
    """A field such as PAGE: begin, the instruction, separate, the cached result, end."""
    def run(*children):
        r = OxmlElement("w:r")
        if r_pr is not None:
            r.append(etree.fromstring(etree.tostring(r_pr)))
        for child in children:
            r.append(child)
        paragraph._p.append(r)

    def char(kind: str):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    result = OxmlElement("w:t")
    result.text = shown
    run(char("begin"))
    run(text)
    run(char("separate"))
    run(result)
    run(char("end"))


def repeat_header(row) -> None:
    """The row is repeated at the top of every page the table spans."""
    tr_pr = row._tr.get_or_add_trPr()
    _child(tr_pr, "w:tblHeader").set(qn("w:val"), "1")


def cant_split(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    _child(tr_pr, "w:cantSplit").set(qn("w:val"), "1")


def cell_margins(table, left_right_twips: int, top_bottom_twips: int) -> None:
    tbl_pr = table._tbl.tblPr
    margins = _child(tbl_pr, "w:tblCellMar")
    for side, value in (("w:top", top_bottom_twips), ("w:left", left_right_twips),
                        ("w:bottom", top_bottom_twips), ("w:right", left_right_twips)):
        element = _child(margins, side)
        element.set(qn("w:w"), str(value))
        element.set(qn("w:type"), "dxa")


def no_borders(table) -> None:
    borders = _child(table._tbl.tblPr, "w:tblBorders")
    for side in ("w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"):
        _child(borders, side).set(qn("w:val"), "nil")


def page_grid(sect_pr, line_pitch_twips: int, char_space: int) -> None:
    """The 22-line × 28-character grid Chinese official templates set (页面设置 → 文档网格)."""
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(line_pitch_twips))
    grid.set(qn("w:charSpace"), str(char_space))


def declare_fonts(font_table_part, fonts: dict[str, str]) -> None:
    """List each font in the font table with its GB2312 charset and an alternative name
    (仿宋_GB2312 → 仿宋), so Word uses 仿宋 on a machine without 仿宋_GB2312."""
    root = etree.fromstring(font_table_part.blob)
    for name, alternative in fonts.items():
        for old in root.findall(f"{{{W_NS}}}font"):
            if old.get(qn("w:name")) == name:
                root.remove(old)
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        if alternative and alternative != name:
            etree.SubElement(font, qn("w:altName")).set(qn("w:val"), alternative)
        etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "86")  # GB2312
        etree.SubElement(font, qn("w:family")).set(qn("w:val"), "modern")
        etree.SubElement(font, qn("w:pitch")).set(qn("w:val"), "fixed")
    font_table_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
