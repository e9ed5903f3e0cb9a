namespace McpShim.Policy.Schema;

/// <summary>
/// Which properties or items of one value the schema has evaluated so far, for <c>unevaluatedProperties</c> and
/// <c>unevaluatedItems</c>. A subschema's parts count only when it passed (JSON Schema 2020-12 section 7.7.1).
/// </summary>
internal sealed class EvaluatedParts
{
    private HashSet<string>? _properties;
    private HashSet<int>? _items;
    private int _itemPrefix;
    private bool _allItems;

    public void Property(string name) => (_properties ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);

    public void ItemsUpTo(int count) => _itemPrefix = Math.Max(_itemPrefix, count);

    public void Item(int index) => (_items ??= []).Add(index);

    public void AllItems() => _allItems = true;

    public bool HasProperty(string name) => _properties?.Contains(name) == true;

    public bool HasItem(int index) => _allItems || index < _itemPrefix || _items?.Contains(index) == true;

    public void Add(EvaluatedParts other)
    {
        if (other._properties is not null)
            (_properties ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(other._properties);
        if (other._items is not null)
            (_items ??= []).UnionWith(other._items);
        _itemPrefix = Math.Max(_itemPrefix, other._itemPrefix);
        _allItems |= other._allItems;
    }
}
