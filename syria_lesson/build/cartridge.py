"""The IMS Common Cartridge 1.3 of ``make lms`` (``syria_lessons.imscc``): a zip
with ``imsmanifest.xml``, one page per lesson (its question, objectives and
tasks, for students, with the standards it serves as LOM keywords) and one QTI
1.2 assessment per lesson in the Common
Cartridge profile: self-checks and claim sorts as multiple choice with feedback
on every option (``cc.multiple_choice.v0p1``), the written tasks as essays
(``cc.essay.v0p1``). Kinds it cannot hold are listed by ``formats.left_out``."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from syria_lesson.build.formats import choice_prompt, essay_lines, holds, lesson_title, objectives, options
from syria_lesson.core.html import html, join
from syria_lesson.data import Content
from syria_lesson.live.worksheet import short_prompt

NAME = "syria_lessons.imscc"
CP = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
LOM = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest"
LOMR = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/resource"
QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ASSESSMENT = "imsqti_xmlv1p2/imscc_xmlv1p3/assessment"
SCHEMAS = {
    CP: "http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imscp_v1p2_v1p0.xsd",
    LOM: "http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lommanifest_v1p0.xsd",
    LOMR: "http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lomresource_v1p0.xsd",
}


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _fields(parent: ET.Element, fields: dict[str, str]) -> None:
    meta = _sub(parent, "qtimetadata")
    for label, entry in fields.items():
        field = _sub(meta, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _material(parent: ET.Element, text: str, kind: str = "text/html") -> None:
    _sub(_sub(parent, "material"), "mattext", text, texttype=kind)


def _choice_item(section: ET.Element, q: dict) -> None:
    item = _sub(section, "item", ident=q["id"], title=short_prompt(q, 8))
    _fields(_sub(item, "itemmetadata"), {"cc_profile": "cc.multiple_choice.v0p1", "cc_weighting": "1"})
    presentation = _sub(item, "presentation")
    _material(presentation, str(html("<p>{}</p>", choice_prompt(q))))
    render = _sub(_sub(presentation, "response_lid", ident="response1", rcardinality="Single"), "render_choice")
    found = options(q)
    for number, option in enumerate(found):
        _material(_sub(render, "response_label", ident=f"{q['id']}_{number}"), option.text, "text/plain")
    processing = _sub(item, "resprocessing")
    _sub(_sub(processing, "outcomes"), "decvar", varname="SCORE", vartype="Decimal", minvalue="0", maxvalue="100")
    for number in range(len(found)):  # each option's feedback, whatever it scores
        condition = _sub(processing, "respcondition", **{"continue": "Yes"})
        _sub(_sub(condition, "conditionvar"), "varequal", f"{q['id']}_{number}", respident="response1")
        _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=f"{q['id']}_{number}_fb")
    right = next(n for n, o in enumerate(found) if o.right)
    condition = _sub(processing, "respcondition", **{"continue": "No"})
    _sub(_sub(condition, "conditionvar"), "varequal", f"{q['id']}_{right}", respident="response1")
    _sub(condition, "setvar", "100", action="Set", varname="SCORE")
    for number, option in enumerate(found):
        feedback = _sub(item, "itemfeedback", ident=f"{q['id']}_{number}_fb")
        head = "Right." if option.right else "Not quite."
        _material(_sub(feedback, "flow_mat"), str(html("<p><strong>{}</strong> {}</p>", head, option.feedback)))


def _essay_item(section: ET.Element, q: dict) -> None:
    item = _sub(section, "item", ident=q["id"], title=short_prompt(q, 8))
    _fields(_sub(item, "itemmetadata"), {"cc_profile": "cc.essay.v0p1", "cc_weighting": "1"})
    presentation = _sub(item, "presentation")
    _material(presentation, str(html("<p>{}</p>", q["prompt"]) + join(html("<p>{}</p>", line) for line in essay_lines(q))))
    _sub(_sub(presentation, "response_str", ident="response1", rcardinality="Single"), "render_fib")
    processing = _sub(item, "resprocessing")
    _sub(_sub(processing, "outcomes"), "decvar", varname="SCORE", vartype="Decimal", minvalue="0", maxvalue="100")
    _sub(_sub(_sub(processing, "respcondition", **{"continue": "No"}), "conditionvar"), "other")


def assessment(content: Content, lesson_id: str) -> ET.ElementTree:
    root = ET.Element("questestinterop", {"xmlns": QTI})
    test = _sub(root, "assessment", ident=f"quiz_{lesson_id}", title=f"{lesson_title(content, lesson_id)}: self-checks and written tasks")
    _fields(test, {"cc_profile": "cc.exam.v0p1", "qmd_assessmenttype": "Examination", "cc_maxattempts": "unlimited"})
    section = _sub(test, "section", ident=f"section_{lesson_id}")
    for q in content.lesson_questions(lesson_id):
        if holds(q) == "choice":
            _choice_item(section, q)
        elif holds(q) == "essay":
            _essay_item(section, q)
    tree = ET.ElementTree(root)
    ET.indent(tree)
    return tree


def page(content: Content, lesson_id: str) -> str:
    """The lesson's page, for students: its question, objectives and tasks (no answers)."""
    plan = content.plan(lesson_id)
    aims = join(html("<li>{}</li>", aim) for aim in objectives(content, lesson_id))
    tasks = join(html("<li>{}{}</li>", q["prompt"], " (extension)" if q["tier"] == "extension" else "")
                 for q in content.lesson_questions(lesson_id))
    return str(html('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{}</title></head><body>'
                    "<h1>{}</h1><p><strong>This lesson's question:</strong> {}</p><p>About {} minutes.</p>"
                    "<h2>By the end of this lesson you will be able to</h2><ol>{}</ol>"
                    "<h2>The tasks</h2><ol>{}</ol><p><small>{}</small></p></body></html>\n",
                    lesson_title(content, lesson_id), lesson_title(content, lesson_id), plan["supporting_question"],
                    plan["minutes"], aims, tasks, content.module["licence"]))


def manifest(content: Content, files: dict[str, list[str]]) -> ET.ElementTree:
    """``files``: each lesson id's page and assessment paths inside the cartridge."""
    ET.register_namespace("", CP)
    ET.register_namespace("lomimscc", LOM)
    ET.register_namespace("lom", LOMR)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{CP}}}manifest", {"identifier": "syria_2017_cartridge",
                                            f"{{{XSI}}}schemaLocation": " ".join(f"{k} {v}" for k, v in SCHEMAS.items())})
    meta = _sub(root, f"{{{CP}}}metadata")
    _sub(meta, f"{{{CP}}}schema", "IMS Common Cartridge")
    _sub(meta, f"{{{CP}}}schemaversion", "1.3.0")
    general = _sub(_sub(meta, f"{{{LOM}}}lom"), f"{{{LOM}}}general")
    _sub(_sub(general, f"{{{LOM}}}title"), f"{{{LOM}}}string", content.module["title"], language="en")
    _sub(_sub(general, f"{{{LOM}}}description"), f"{{{LOM}}}string",
         content.module["compelling_question"].strip(), language="en")
    summaries = {row["code"]: row["summary"] for row in content.standards()}
    keywords(general, LOM, [row["code"] for row in content.standards()
                            if any(row["code"] in content.plan(lid)["standards"] for lid in files)], summaries)
    organization = _sub(_sub(root, f"{{{CP}}}organizations"), f"{{{CP}}}organization", identifier="organization",
                        structure="rooted-hierarchy")
    top = _sub(organization, f"{{{CP}}}item", identifier="root")
    resources = _sub(root, f"{{{CP}}}resources")
    for lesson in content.module["lessons"]:
        lid = lesson["id"]
        module = _sub(top, f"{{{CP}}}item", identifier=f"module_{lid}")
        _sub(module, f"{{{CP}}}title", lesson_title(content, lid))
        page_path, quiz_path = files[lid]
        for kind, path, title, type_ in (("page", page_path, "The lesson: question, objectives, tasks", "webcontent"),
                                         ("quiz", quiz_path, "Self-checks and written tasks", ASSESSMENT)):
            item = _sub(module, f"{{{CP}}}item", identifier=f"item_{kind}_{lid}", identifierref=f"res_{kind}_{lid}")
            _sub(item, f"{{{CP}}}title", title)
            attrs = {"identifier": f"res_{kind}_{lid}", "type": type_}
            if type_ == "webcontent":
                attrs["href"] = path
            resource = _sub(resources, f"{{{CP}}}resource", **attrs)
            if kind == "page":  # the standards the lesson serves, in the page's own metadata
                lom = _sub(_sub(resource, f"{{{CP}}}metadata"), f"{{{LOMR}}}lom")
                keywords(_sub(lom, f"{{{LOMR}}}general"), LOMR, content.plan(lid)["standards"], summaries)
            _sub(resource, f"{{{CP}}}file", href=path)
    tree = ET.ElementTree(root)
    ET.indent(tree)
    return tree


def keywords(parent: ET.Element, ns: str, codes: list[str], summaries: dict[str, str]) -> None:
    """The standards as LOM keywords: each code with what it asks ("RH.9-10.8: Judge how far ...")."""
    for code in codes:
        _sub(_sub(parent, f"{{{ns}}}keyword"), f"{{{ns}}}string", f"{code}: {summaries[code]}", language="en")


def _xml(tree: ET.ElementTree) -> bytes:
    return ET.tostring(tree.getroot(), encoding="UTF-8", xml_declaration=True)


def write(path: Path, content: Content) -> Path:
    files = {lesson["id"]: [f"pages/lesson_{lesson['id']}.html", f"quiz_{lesson['id']}/assessment.xml"]
             for lesson in content.module["lessons"]}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", _xml(manifest(content, files)))
        for lesson_id, (page_path, quiz_path) in files.items():
            archive.writestr(page_path, page(content, lesson_id))
            archive.writestr(quiz_path, _xml(assessment(content, lesson_id)))
    return path
