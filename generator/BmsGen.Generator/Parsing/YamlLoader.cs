using System;
using System.Collections.Generic;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace BmsGen.Generator.Parsing;

/// <summary>
/// Reads YAML (or JSON, which is YAML) into the nodes of YamlTree.cs with an explicit stack, so that hostile
/// input (deep nesting, alias bombs, huge documents) ends in a diagnostic instead of a stack overflow.
/// </summary>
internal static class YamlLoader
{
    public const int MaxDepth = 128;
    public const int MaxNodes = 2_000_000;

    public sealed class LoadException : Exception
    {
        public LoadException(string message, int line, int column, bool tooComplex = false)
            : base(message)
        {
            Line = line;
            Column = column;
            TooComplex = tooComplex;
        }

        public int Line { get; }

        public int Column { get; }

        public bool TooComplex { get; }
    }

    public static YamlNode? Load(string text)
    {
        try
        {
            return LoadCore(text);
        }
        catch (YamlException ex)
        {
            string message = ex.InnerException is null ? ex.Message : ex.Message + " " + ex.InnerException.Message;
            throw new LoadException(StripMarkPrefix(message), (int)ex.Start.Line, (int)ex.Start.Column);
        }
    }

    private static YamlNode? LoadCore(string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        YamlNode? root = null;
        int nodes = 0;

        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _))
        {
            return null;
        }

        parser.Consume<DocumentStart>();
        while (!parser.Accept<DocumentEnd>(out _))
        {
            ParsingEvent evt = parser.Consume<ParsingEvent>();
            int line = (int)evt.Start.Line;
            int column = (int)evt.Start.Column;
            if (++nodes > MaxNodes)
            {
                throw new LoadException($"the document has more than {MaxNodes} nodes", line, column, tooComplex: true);
            }

            YamlNode? completed = null;
            switch (evt)
            {
                case Scalar scalar:
                    var node = new YamlScalar(scalar.Value, scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded, line, column);
                    Remember(anchors, scalar.Anchor, node);
                    completed = node;
                    break;
                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value.Value, out completed))
                    {
                        throw new LoadException($"alias '*{alias.Value}' names no anchor defined before it", line, column);
                    }

                    break;
                case MappingStart mappingStart:
                    var mapping = new YamlMapping(line, column);
                    Remember(anchors, mappingStart.Anchor, mapping);
                    Push(stack, new Frame(mapping), line, column);
                    break;
                case SequenceStart sequenceStart:
                    var sequence = new YamlSequence(line, column);
                    Remember(anchors, sequenceStart.Anchor, sequence);
                    Push(stack, new Frame(sequence), line, column);
                    break;
                case MappingEnd:
                case SequenceEnd:
                    completed = stack.Pop().Node;
                    break;
                default:
                    throw new LoadException($"unexpected YAML event {evt.GetType().Name}", line, column);
            }

            if (completed is null)
            {
                continue;
            }

            if (stack.Count == 0)
            {
                root = completed;
                continue;
            }

            Frame parent = stack.Peek();
            if (parent.Node is YamlSequence parentSequence)
            {
                parentSequence.Items.Add(completed);
            }
            else if (parent.PendingKey is null)
            {
                parent.PendingKey = completed as YamlScalar
                    ?? throw new LoadException("mapping keys must be scalars", completed.Line, completed.Column);
            }
            else
            {
                YamlScalar key = parent.PendingKey;
                parent.PendingKey = null;
                if (!((YamlMapping)parent.Node).Add(key, completed))
                {
                    throw new LoadException($"duplicate key '{key.Value}'", key.Line, key.Column);
                }
            }
        }

        return root;
    }

    private static void Push(Stack<Frame> stack, Frame frame, int line, int column)
    {
        if (stack.Count >= MaxDepth)
        {
            throw new LoadException($"nesting is deeper than {MaxDepth} levels", line, column, tooComplex: true);
        }

        stack.Push(frame);
    }

    private static void Remember(Dictionary<string, YamlNode> anchors, AnchorName anchor, YamlNode node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the diagnostic carries the position itself.
    private static string StripMarkPrefix(string message)
    {
        int index = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(", StringComparison.Ordinal) && index > 0 ? message.Substring(index + 3) : message;
    }

    private sealed class Frame
    {
        public Frame(YamlNode node) => Node = node;

        public YamlNode Node { get; }

        public YamlScalar? PendingKey { get; set; }
    }
}
