using System.Text.Json;

namespace ZaloOA.Sdk.Internal;

/// <summary>
/// Property names (and constant values) of the send bodies, encoded once: a name passed as a
/// <see cref="string"/> is escape-checked and transcoded to UTF-8 on every write, which was a tenth
/// of a list body's time. The bytes written are the same.
/// </summary>
internal static class ZaloJsonNames
{
    public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    public static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    public static readonly JsonEncodedText Attachment = JsonEncodedText.Encode("attachment");
    public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    public static readonly JsonEncodedText Template = JsonEncodedText.Encode("template");
    public static readonly JsonEncodedText Payload = JsonEncodedText.Encode("payload");
    public static readonly JsonEncodedText TemplateType = JsonEncodedText.Encode("template_type");
    public static readonly JsonEncodedText Elements = JsonEncodedText.Encode("elements");
    public static readonly JsonEncodedText Buttons = JsonEncodedText.Encode("buttons");
    public static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
    public static readonly JsonEncodedText Subtitle = JsonEncodedText.Encode("subtitle");
    public static readonly JsonEncodedText ImageUrl = JsonEncodedText.Encode("image_url");
    public static readonly JsonEncodedText ImageIcon = JsonEncodedText.Encode("image_icon");
    public static readonly JsonEncodedText DefaultAction = JsonEncodedText.Encode("default_action");
    public static readonly JsonEncodedText Url = JsonEncodedText.Encode("url");
    public static readonly JsonEncodedText Content = JsonEncodedText.Encode("content");
    public static readonly JsonEncodedText PhoneCode = JsonEncodedText.Encode("phone_code");
}
