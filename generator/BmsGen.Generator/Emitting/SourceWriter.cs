using System;
using System.Collections.Generic;
using System.Text;

namespace BmsGen.Generator.Emitting;

/// <summary>
/// Writes C# text with managed indentation. Multi-line raw string literals passed to <see cref="WriteLine(string)"/>
/// are re-indented line by line, so emitters can keep code templates readable. Lines always end in '\n'.
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _indent;

    public void Indent() => _indent++;

    public void Unindent()
    {
        if (_indent == 0)
        {
            throw new InvalidOperationException("Unbalanced indentation.");
        }

        _indent--;
    }

    public void OpenBlock()
    {
        WriteLine("{");
        Indent();
    }

    public void CloseBlock(string suffix = "")
    {
        Unindent();
        WriteLine("}" + suffix);
    }

    public void WriteLine() => _builder.Append('\n');

    public void WriteLine(string text)
    {
        int start = 0;
        while (true)
        {
            int end = text.IndexOf('\n', start);
            string line = (end < 0 ? text.Substring(start) : text.Substring(start, end - start)).TrimEnd('\r');
            if (line.Length > 0)
            {
                for (int i = 0; i < _indent; i++)
                {
                    _builder.Append(IndentUnit);
                }

                _builder.Append(line);
            }

            _builder.Append('\n');
            if (end < 0)
            {
                return;
            }

            start = end + 1;
        }
    }

    /// <summary>Writes an XML doc element, escaped by <see cref="CSharpText.DocLines"/>, one <c>///</c> line per text line.</summary>
    public void WriteDocElement(string element, string? text, string attributes = "")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var lines = new List<string>();
        foreach (string line in CSharpText.DocLines(text!))
        {
            lines.Add(line.TrimEnd());
        }

        while (lines.Count > 0 && lines[0].Trim().Length == 0)
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && lines[lines.Count - 1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (lines.Count == 0)
        {
            return;
        }

        lines[0] = lines[0].TrimStart();
        if (lines.Count == 1)
        {
            WriteLine($"/// <{element}{attributes}>{lines[0]}</{element}>");
            return;
        }

        WriteLine($"/// <{element}{attributes}>");
        foreach (string line in lines)
        {
            WriteLine(line.Length == 0 ? "/// <para/>" : "/// " + line);
        }

        WriteLine($"/// </{element}>");
    }

    public override string ToString() => _builder.ToString();

    /// <summary>XML doc text on one line; see <see cref="CSharpText.DocText"/>.</summary>
    public static string EscapeXml(string text) => CSharpText.DocText(text);

    /// <summary>A C# string literal; see <see cref="CSharpText.StringLiteral"/>.</summary>
    public static string Literal(string value) => CSharpText.StringLiteral(value);

    /// <summary>A UTF-8 literal (<c>"name"u8</c>) for a JSON property name; see <see cref="CSharpText.Utf8Literal"/>.</summary>
    public static string Utf8Literal(string value) => CSharpText.Utf8Literal(value);
}
